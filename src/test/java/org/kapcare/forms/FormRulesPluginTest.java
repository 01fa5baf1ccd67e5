package org.kapcare.forms;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.kapcare.ProcessDriver;
import org.kapcare.ProcessTest;

/** The server's form checks apply to tasks with a Camunda Form and leave other tasks alone. */
@ProcessTest
class FormRulesPluginTest extends ProcessDriver {

  @Test
  void aTaskWithoutACamundaFormCanBeCompleted() {
    Deployment deployment = engine.getRepositoryService().createDeployment().addModelInstance("plain.bpmn",
        Bpmn.createExecutableProcess("plain").camundaHistoryTimeToLive(1)
            .startEvent().userTask("plainTask").endEvent().done()).deploy();
    try {
      ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("plain");
      engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
          .singleResult().getId());

      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count())
          .isZero();
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
  }
}
