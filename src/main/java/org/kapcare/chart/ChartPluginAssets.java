package org.kapcare.chart;

import jakarta.ws.rs.Path;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginRootResource;

/** Serves the plugin's {@code app/plugin.js} and {@code app/plugin.css} under {@code /camunda/api/tasklist/plugin/kapcare-chart/static/}. */
@Path("plugin/" + ChartTasklistPlugin.ID)
public class ChartPluginAssets extends AbstractTasklistPluginRootResource {

  public ChartPluginAssets() {
    super(ChartTasklistPlugin.ID);
  }
}
