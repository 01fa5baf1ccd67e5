package org.kapcare.insight;

import jakarta.ws.rs.Path;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;

/**
 * Serves the plugin's {@code app/plugin.js} and {@code app/plugin.css} under
 * {@code /camunda/api/cockpit/plugin/kapcare-insight/static/}: Cockpit has no shared asset
 * resource, each plugin brings its own root. The plugin's data comes from {@code /api/insight}.
 */
@Path("plugin/" + InsightCockpitPlugin.ID)
public class InsightPluginAssets extends AbstractCockpitPluginRootResource {

  public InsightPluginAssets() {
    super(InsightCockpitPlugin.ID);
  }
}
