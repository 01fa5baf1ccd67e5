package org.kapcare.tasklist;

import jakarta.ws.rs.Path;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginRootResource;

/** Serves the plugin's {@code app/plugin.js} and {@code app/plugin.css} under {@code /camunda/api/tasklist/plugin/kapcare-queues/static/}. */
@Path("plugin/" + QueuesTasklistPlugin.ID)
public class QueuesPluginAssets extends AbstractTasklistPluginRootResource {

  public QueuesPluginAssets() {
    super(QueuesTasklistPlugin.ID);
  }
}
