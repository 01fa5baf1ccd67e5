package org.kapcare.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' plugin API ({@code <webapp path>/api/cockpit/plugin/...}, {@code .../tasklist/plugin/...},
 * {@code .../admin/plugin/...}) only for those who may open that webapp: Camunda's own filter lets
 * anyone signed in to any of them call it, so a coordinator signed in to Tasklist searched every
 * journey by a C-SSRS result through Cockpit's process-instance search. Who may open which webapp
 * is Camunda's application authorization, read when they signed in: Cockpit managers and
 * administrators, Admin administrators, Tasklist all staff. A plugin's static files (its scripts,
 * loaded before anyone signs in) stay open; a caller who is not signed in is left to Camunda to refuse.
 */
class WebappPluginAccess extends OncePerRequestFilter {

  private static final Map<String, String> NAMES = Map.of("cockpit", "Cockpit", "tasklist", "Tasklist", "admin", "Admin");

  private final ObjectMapper json = new ObjectMapper();
  /** app, plugin, engine (or "static"), after the webapp path. */
  private final Pattern pluginApi;

  WebappPluginAccess(String webappPath) {
    this.pluginApi = Pattern.compile("^" + Pattern.quote(webappPath) + "/api/(cockpit|tasklist|admin)/plugin/[^/]+/([^/]+)(/.*)?$");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher plugin = pluginApi.matcher(EngineCall.pathOf(request));
    if (plugin.matches() && !"static".equals(plugin.group(2))) {
      String app = plugin.group(1);
      UserAuthentication user = signedIn(request, plugin.group(2));
      if (user != null && !user.isAuthorizedForApp(app)) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(),
            ErrorBody.at(EngineCall.pathOf(request), "Only those who may open " + NAMES.get(app) + " use its API", null));
        return;
      }
    }
    chain.doFilter(request, response);
  }

  /** Who is signed in to the webapps for {@code engine}, or null for nobody. */
  private static UserAuthentication signedIn(HttpServletRequest request, String engine) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentication signedIn = AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engine);
    return signedIn instanceof UserAuthentication user ? user : null;
  }
}
