package org.kapcare.tasklist;

import java.util.Set;
import org.camunda.bpm.tasklist.plugin.spi.impl.AbstractTasklistPlugin;

/**
 * Registers the queues' plugin with Tasklist (via META-INF/services): urgent work first by default,
 * each card's priority in words. Its {@code plugin-webapp/kapcare-queues/app/plugin.js} and
 * {@code plugin.css} are served by {@link QueuesPluginAssets}.
 */
public class QueuesTasklistPlugin extends AbstractTasklistPlugin {

  public static final String ID = "kapcare-queues";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(QueuesPluginAssets.class);
  }
}
