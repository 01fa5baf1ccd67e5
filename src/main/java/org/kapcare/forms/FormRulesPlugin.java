package org.kapcare.forms;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;
import org.springframework.stereotype.Component;

/**
 * Puts {@link FormRulesCheck} on every user task and start event with a Camunda Form, as a
 * built-in listener that runs before the model's own, and {@link FreshEntries} on every such
 * task's creation.
 */
@Component
public class FormRulesPlugin extends AbstractProcessEnginePlugin {

  private final DeployedForms forms;

  public FormRulesPlugin(DeployedForms forms) {
    this.forms = forms;
  }

  private static final Namespace CAMUNDA = new Namespace("http://camunda.org/schema/1.0/bpmn");

  /** Only a Camunda Form declares rules; a task with another kind of form, or none, has nothing to check. */
  private static boolean hasCamundaForm(Element element) {
    return element.attributeNS(CAMUNDA, "formRef") != null;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    FormRulesCheck check = new FormRulesCheck(forms);
    FreshEntries fresh = new FreshEntries(forms);
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTask, ScopeImpl scope, ActivityImpl activity) {
        if (hasCamundaForm(userTask)) {
          TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
          task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, fresh);
          task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, check);
        }
      }

      @Override
      public void parseStartEvent(Element startEvent, ScopeImpl scope, ActivityImpl activity) {
        if (hasCamundaForm(startEvent)) {
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, check, 0);
        }
      }
    });
  }
}
