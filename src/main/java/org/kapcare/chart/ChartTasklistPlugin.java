package org.kapcare.chart;

import java.util.Set;
import org.camunda.bpm.tasklist.plugin.spi.impl.AbstractTasklistPlugin;

/**
 * Registers the Patient tab and the patient search with Tasklist (via META-INF/services): Tasklist
 * loads {@code plugin-webapp/kapcare-chart/app/plugin.js} and {@code plugin.css} through
 * {@link ChartPluginAssets}; the chart comes from {@code /api/patients}, which accepts the Tasklist login for reading.
 */
public class ChartTasklistPlugin extends AbstractTasklistPlugin {

  public static final String ID = "kapcare-chart";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(ChartPluginAssets.class);
  }
}
