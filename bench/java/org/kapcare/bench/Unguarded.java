package org.kapcare.bench;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.apache.catalina.connector.Connector;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Bench only, never in the app: a second HTTP port of the same running app on which the filters
 * issue 16 put in front of the engine's API are skipped: the engine API guard (expressions, staff
 * writes, form check, read limits, access log), the sign-in guard and nosniff. A benchmark sends the
 * same calls to both ports in turn, so the guards' cost is timed against one engine, database and JIT
 * in one run. Given to the app as a source of its own ({@code new SpringApplicationBuilder(
 * KapCareApplication.class, Unguarded.class)}), and not a {@code @Configuration}, so that no
 * component scan finds it. The engine's own sign-in (HTTP Basic) and authorization run on both ports.
 */
final class Unguarded implements BeanPostProcessor, WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  /** The registrations of issue 16's filters on /engine-rest, by name (security/RestAuthentication, SecurityHeaders). */
  static final Set<String> GUARDS = Set.of("kapcare-engine-api-guard", "kapcare-sign-in-guard", "kapcare-nosniff");

  private final Connector connector = new Connector();
  private final Set<String> skipped = new HashSet<>();

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    connector.setPort(0);
    factory.addAdditionalTomcatConnectors(connector);
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Object postProcessBeforeInitialization(Object bean, String name) {
    if (bean instanceof FilterRegistrationBean registration && GUARDS.contains(registration.getFilterName())) {
      registration.setFilter(new SkippedOnPort(registration.getFilter(), connector));
      skipped.add(registration.getFilterName());
    }
    return bean;
  }

  /** The guard, but not for requests that came in on the unguarded connector. */
  private record SkippedOnPort(Filter guard, Connector unguarded) implements Filter {

    @Override
    public void init(FilterConfig config) throws ServletException {
      guard.init(config);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      if (request.getLocalPort() == unguarded.getLocalPort()) {
        chain.doFilter(request, response);
      } else {
        guard.doFilter(request, response, chain);
      }
    }

    @Override
    public void destroy() {
      guard.destroy();
    }
  }

  /** The unguarded port's engine REST API; throws when a guard's registration was not found (renamed?). */
  static EngineRest engineRest(HttpClient http, ConfigurableApplicationContext app) {
    Unguarded unguarded = app.getBean(Unguarded.class);
    if (!unguarded.skipped.equals(GUARDS)) {
      throw new IllegalStateException("Guards found to skip: " + unguarded.skipped + "; expected " + GUARDS);
    }
    return EngineRest.of(http, unguarded.connector.getLocalPort());
  }

  /**
   * Proves, before any timing, that the guarded port has the guards and the unguarded one lacks them:
   * {@code user}, not a manager, asks for journeys' variables across patients, which the guard refuses
   * (403) and the engine answers (200, as authorization allows), and only the guarded answer says
   * nosniff. Otherwise a FAILED note, since the guards would be timed against themselves or nothing.
   */
  static void prove(BenchReport.Section section, EngineRest guarded, EngineRest unguarded, String user) {
    HttpResponse<String> with = guarded.send(user, "GET", "/variable-instance?maxResults=1", EngineRest.JSON, null);
    HttpResponse<String> without = unguarded.send(user, "GET", "/variable-instance?maxResults=1", EngineRest.JSON, null);
    BenchReport.add(section, "proof: GET /engine-rest/variable-instance by " + user + ", with / without the guards",
        with.statusCode() + " " + nosniff(with) + " / " + without.statusCode() + " " + nosniff(without), "");
    if (with.statusCode() != 403 || without.statusCode() != 200 || nosniff(with).isEmpty() || !nosniff(without).isEmpty()) {
      BenchReport.note(section, BenchReport.FAILED + "the guarded port must answer 403 with nosniff, the unguarded 200 "
          + "without: the guards' cost is not what this run times.");
    }
  }

  private static String nosniff(HttpResponse<String> response) {
    return response.headers().firstValue("X-Content-Type-Options").orElse("");
  }
}
