package org.kapcare.insight;

import java.util.Set;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * Registers the heatmap and KPI views with Cockpit (via META-INF/services): Cockpit loads
 * {@code plugin-webapp/kapcare-insight/app/plugin.js} and {@code plugin.css} from the classpath
 * through {@link InsightPluginAssets}; the data comes from {@code /api/insight}, which accepts the
 * Cockpit session.
 */
public class InsightCockpitPlugin extends AbstractCockpitPlugin {

  public static final String ID = "kapcare-insight";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(InsightPluginAssets.class);
  }
}
