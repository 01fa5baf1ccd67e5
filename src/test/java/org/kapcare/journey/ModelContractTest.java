package org.kapcare.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kapcare.WebAppTest;
import org.kapcare.checkin.CheckInRequests;
import org.kapcare.checkin.CheckInSharing;
import org.kapcare.clinic.ClinicGroup;
import org.kapcare.clinic.ClinicProperties;
import org.kapcare.clinic.Journeys;
import org.kapcare.clinical.BaselineScoring;
import org.kapcare.clinical.CheckInScoring;
import org.kapcare.clinical.DischargeRecorder;
import org.kapcare.clinical.Observation;
import org.kapcare.clinical.OutcomeScoring;
import org.kapcare.clinical.RatingScale;
import org.kapcare.clinical.SafetyReviews;
import org.kapcare.clinical.SuicideRiskScreen;
import org.kapcare.forms.FormRules;
import org.kapcare.integrationwindow.IntegrationSessionRecorder;
import org.kapcare.integrationwindow.IntegrationWindowOpener;
import org.kapcare.notification.NotificationTemplates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The deployed models, forms and code agree: every formRef finds a form of its own deployment,
 * every user task and Tasklist start event has one, and every variable that a gateway, timer,
 * due date, mapping or delegate reads is a form field or is written by the model or a delegate.
 */
@WebAppTest
class ModelContractTest {

  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
  private static final Pattern QUOTED = Pattern.compile("'[^']*'");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![.\\w])([A-Za-z_]\\w*)(?!\\s*[(.\\w])");
  private static final Pattern GET_VARIABLE = Pattern.compile("getVariable\\('(\\w+)'\\)");
  private static final Pattern SET_VARIABLE = Pattern.compile("setVariable\\('(\\w+)'");
  private static final Set<String> JUEL_WORDS = Set.of("true", "false", "null", "empty", "not", "and", "or", "eq", "ne",
      "lt", "gt", "le", "ge", "div", "mod", "instanceof", "execution", "task");
  /** Set by the engine itself on multi-instance activities. */
  private static final Set<String> ENGINE_VARIABLES = Set.of("loopCounter", "nrOfInstances", "nrOfActiveInstances",
      "nrOfCompletedInstances");

  @Autowired
  RepositoryService repository;

  @Autowired
  ClinicProperties clinic;

  @Autowired
  ApplicationContext beans;

  @Autowired
  NotificationTemplates templates;

  private final ObjectMapper json = new ObjectMapper();
  private List<ProcessDefinition> processes;

  @BeforeEach
  void loadProcesses() {
    processes = repository.createProcessDefinitionQuery().latestVersion().list();
    assertThat(processes).extracting(ProcessDefinition::getKey)
        .containsExactlyInAnyOrder(Journeys.CARE_JOURNEY, Journeys.DOSING_SESSION, Journeys.PATIENT_CHECK_IN);
  }

  @Test
  void everyFormRefResolvesToAFormOfTheSameDeployment() throws IOException {
    for (ProcessDefinition process : processes) {
      Map<String, JsonNode> forms = formsOf(process.getDeploymentId());
      // Each form's rules and conditions are ones the server can check.
      forms.values().forEach(form -> new FormRules(form, clinic));
      BpmnModelInstance model = repository.getBpmnModelInstance(process.getId());

      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        assertThat(task.getCamundaFormRef()).as("form of user task " + task.getId()).isNotNull();
        assertThat(task.getCamundaFormRefBinding()).as("binding of " + task.getId()).isEqualTo("deployment");
        assertThat(forms).as("forms deployed with " + process.getKey()).containsKey(task.getCamundaFormRef());
      }
      for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
        boolean startedInTasklist = !(start.getParentElement() instanceof SubProcess)
            && model.<Process>getModelElementById(process.getKey()).isCamundaStartableInTasklist();
        if (startedInTasklist) {
          assertThat(forms).as("start form of " + process.getKey()).containsKey(start.getCamundaFormRef());
        }
      }
    }
  }

  @Test
  void everyVariableThatIsReadIsAFormFieldOrWrittenBySomething() throws Exception {
    Set<String> provided = new HashSet<>(ENGINE_VARIABLES);
    Set<String> read = new TreeSet<>();
    for (ProcessDefinition process : processes) {
      for (JsonNode form : formsOf(process.getDeploymentId()).values()) {
        collectKeys(form, provided);
      }
      scan(bpmnOf(process), read, provided);
    }
    for (String key : List.of("eligibility", "pre-dose-safety")) {
      DecisionDefinition decision = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion()
          .singleResult();
      for (InputExpression input : repository.getDmnModelInstance(decision.getId()).getModelElementsByType(InputExpression.class)) {
        read.add(input.getText().getTextContent().trim());
      }
    }
    List.of(BaselineScoring.WRITES, OutcomeScoring.WRITES, DischargeRecorder.WRITES, Observation.WRITES, IntegrationWindowOpener.WRITES,
        IntegrationSessionRecorder.WRITES, PreparationProgress.WRITES, SafetyReviews.WRITES, CheckInScoring.WRITES,
        CheckInRequests.WRITES, CheckInSharing.WRITES).forEach(provided::addAll);

    read.addAll(RatingScale.PHQ9.itemKeys("phq9"));
    read.addAll(RatingScale.GAD7.itemKeys("gad7"));
    read.addAll(RatingScale.PHQ9.itemKeys("followUpPhq9"));
    read.addAll(RatingScale.GAD7.itemKeys("followUpGad7"));
    read.addAll(SuicideRiskScreen.QUESTIONS);
    // What the listeners read besides their own writes.
    read.addAll(List.of("patientId", "preparationReadiness", "dischargedAt", "integrationAt", "route", "doseStartedAt",
        "vitalsAt", "vitalsSpo2", "spo2", "sedationPresent", "dissociationPresent", "respiratoryDepressionPresent"));

    read.removeIf(beans::containsBean);
    assertThat(read).as("variables read by the models and delegates").contains("eligibility", "systolicBp", "dischargedAt");
    assertThat(provided).as("form fields and written variables").containsAll(read);
  }

  @Test
  void everyNotificationIsQueuedAsynchronouslyAndHasWordsForEachOfItsRecipients() {
    Set<String> groups = new HashSet<>();
    for (ClinicGroup group : ClinicGroup.values()) {
      groups.add(group.id());
    }
    List<String> checked = new ArrayList<>();
    for (ProcessDefinition process : processes) {
      BpmnModelInstance model = repository.getBpmnModelInstance(process.getId());
      for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
        if (!"${notificationDelegate}".equals(task.getCamundaDelegateExpression())) {
          continue;
        }
        assertThat(task.isCamundaAsyncBefore()).as(task.getId() + " runs as its own job").isTrue();
        assertThat(task.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class)
            .singleResult().getTextContent()).as(task.getId() + " retries").isEqualTo("R3/PT5M");
        Map<String, String> inputs = new HashMap<>();
        task.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).singleResult()
            .getCamundaInputParameters().forEach(input -> inputs.put(input.getCamundaName(), input.getTextContent()));
        for (String recipient : inputs.get("recipients").split(",")) {
          if (!recipient.equals(NotificationTemplates.PATIENT)) {
            assertThat(groups).as("recipient of " + task.getId()).contains(recipient);
          }
          assertThat(templates.exists(inputs.get("template"), NotificationTemplates.audience(recipient)))
              .as("words of " + inputs.get("template") + " for " + recipient).isTrue();
        }
        checked.add(task.getId());
      }
    }
    assertThat(checked).contains("notifyNotEligible", "sendPreDoseInstructions", "sendSafetyAlert",
        "sendIntegrationReminder", "alertMissedIntegration", "notifyDosePostponed", "sendCheckIn");
  }

  private Map<String, JsonNode> formsOf(String deploymentId) throws IOException {
    Map<String, JsonNode> forms = new HashMap<>();
    for (String resource : repository.getDeploymentResourceNames(deploymentId)) {
      if (resource.endsWith(".form")) {
        try (InputStream in = repository.getResourceAsStream(deploymentId, resource)) {
          JsonNode form = json.readTree(in);
          forms.put(form.path("id").asText(), form);
        }
      }
    }
    return forms;
  }

  private static void collectKeys(JsonNode node, Collection<String> keys) {
    if (node.has("key")) {
      keys.add(node.get("key").asText());
    }
    node.path("components").forEach(child -> collectKeys(child, keys));
  }

  /** Reads expressions wherever the models hold them: in attributes and in element text. */
  private static void scan(Element element, Set<String> read, Set<String> written) {
    String name = element.getLocalName();
    if ("outputParameter".equals(name)) {
      written.add(element.getAttribute("name"));
    }
    if ("out".equals(name) || "in".equals(name)) {
      written.add(element.getAttribute("target"));
      if (element.hasAttribute("source")) {
        read.add(element.getAttribute("source"));
      }
    }
    for (String attribute : List.of("resultVariable", "initiator")) {
      if (element.hasAttributeNS(CAMUNDA, attribute)) {
        written.add(element.getAttributeNS(CAMUNDA, attribute));
      }
    }
    StringBuilder text = new StringBuilder();
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      text.append(' ').append(attributes.item(i).getNodeValue());
    }
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node child = children.item(i);
      if (child instanceof Element childElement) {
        scan(childElement, read, written);
      } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(' ').append(child.getNodeValue());
      }
    }
    Matcher expressions = EXPRESSION.matcher(text);
    while (expressions.find()) {
      String expression = expressions.group(1);
      GET_VARIABLE.matcher(expression).results().forEach(m -> read.add(m.group(1)));
      SET_VARIABLE.matcher(expression).results().forEach(m -> written.add(m.group(1)));
      IDENTIFIER.matcher(QUOTED.matcher(expression).replaceAll("''")).results()
          .map(m -> m.group(1))
          .filter(word -> !JUEL_WORDS.contains(word))
          .forEach(read::add);
    }
  }

  private Element bpmnOf(ProcessDefinition process) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    try (InputStream in = repository.getResourceAsStream(process.getDeploymentId(), process.getResourceName())) {
      return factory.newDocumentBuilder().parse(in).getDocumentElement();
    }
  }
}
