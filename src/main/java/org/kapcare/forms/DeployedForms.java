package org.kapcare.forms;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.kapcare.clinic.ClinicProperties;
import org.springframework.stereotype.Component;

/**
 * The Camunda Forms of the deployed models, read once per process definition and step: a form
 * never changes within a definition version. The engine's check of each submission and the REST
 * guard in front of the engine read the same forms.
 */
@Component
public class DeployedForms {

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, FormRules> byStep = new ConcurrentHashMap<>();
  private final ClinicProperties clinic;

  public DeployedForms(ClinicProperties clinic) {
    this.clinic = clinic;
  }

  /** The rules of {@code step} ("start" or a task's definition key), read by {@code form} if not yet known. */
  public FormRules of(String processDefinitionId, String step, Supplier<InputStream> form) {
    return byStep.computeIfAbsent(processDefinitionId + "/" + step, key -> read(form, key));
  }

  private FormRules read(Supplier<InputStream> deployedForm, String key) {
    try (InputStream form = deployedForm.get()) {
      return new FormRules(json.readTree(form), clinic);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read form " + key, e);
    }
  }
}
