package org.kapcare;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A process test: the whole application on its own in-memory database, with the job executor off
 * so that every job and timer is fired explicitly by the test, and flow coverage recorded.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ContextConfiguration(initializers = TestDatabase.class)
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:kapcare-${random.uuid};DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=256;DEFAULT_NULL_ORDERING=HIGH",
    "camunda.bpm.job-execution.enabled=false",
    "kapcare.notify.dispatcher-enabled=false",
    "kapcare.demo.history=false",
    "camunda.bpm.generate-unique-process-engine-name=true"})
@ActiveProfiles("demo")
@Import(ProcessEngineCoverageConfiguration.class)
public @interface ProcessTest {
}
