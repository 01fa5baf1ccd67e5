package org.kapcare;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.ActiveProfiles;

/** The demo application on a random port with its own in-memory database; jobs run only when a test says so. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ContextConfiguration(initializers = TestDatabase.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:kapcare-web-${random.uuid};DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=256;DEFAULT_NULL_ORDERING=HIGH",
    // The REST API and webapps look the engine up by the name "default", so no generated name here.
    "camunda.bpm.job-execution.enabled=false",
    "kapcare.notify.dispatcher-enabled=false",
    // This app leaves its jobs and notifications to the tests that fire them, however long the
    // suite runs: the health's verdict on them is HealthTest's, in an app of its own.
    "kapcare.health.job-longest-delay=P3650D",
    "kapcare.health.outbox-longest-wait=P3650D",
    "kapcare.demo.history=false",
    // Tests compare a queue's count with the engine's right after changing it: counted on every call
    // (keeping a count a few seconds is RecentCountsTest's).
    "kapcare.tasklist.queue-count-max-age=PT0S"})
@ActiveProfiles("demo")
public @interface WebAppTest {
}
