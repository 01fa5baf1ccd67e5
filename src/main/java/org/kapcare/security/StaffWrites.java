package org.kapcare.security;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a staff member who is not an administrator may change through the engine's API: the
 * steps of their work in Tasklist and Cockpit, and queries sent as POST. Everything else that writes
 * (variables, jobs, incidents, batches, deployments, messages, modifications, identities) is for
 * administrators; the engine's own authorizations still decide each allowed call. A list of what
 * is allowed rather than of what is not, so that an endpoint nobody thought of is refused.
 */
final class StaffWrites {

  private static final String ID = "[^/]+";
  private static final String COUNT = "(/count)?";

  private static final List<Pattern> ALLOWED = List.of(
      // Tasklist: the queue, a task's steps, follow-up and due dates. Not delegation: a delegated task is
      // resolved with variables, which only administrators write. Not comments or attachments: a note on a
      // patient is kept by a form, with its rules, and the engine lets anyone who reads a task's history
      // (managers: every task) write one on any task.
      write("POST", "/task" + COUNT),
      write("POST", "/task/" + ID + "/(claim|unclaim|assignee|complete|submit-form|identity-links|identity-links/delete)"),
      write("PUT", "/task/" + ID),
      write("POST", "/filter/create"),
      write("(PUT|DELETE)", "/filter/" + ID),
      write("POST", "/filter/" + ID + "/(list|count|singleResult)"),
      // Starting a journey with its referral form (coordinators; the engine checks CREATE_INSTANCE).
      write("POST", "/process-definition/(key/" + ID + "|" + ID + ")/(start|submit-form)"),
      // Queries sent as POST by Tasklist and Cockpit.
      write("POST", "/(process-instance|execution|variable-instance|job|external-task|incident)" + COUNT),
      write("POST", "/history/(activity-instance|process-instance|task|variable-instance|detail|incident"
          + "|identity-link-log|decision-instance|job-log|user-operation|external-task-log|batch)" + COUNT),
      // A person's own profile and password (the engine lets each user change only their own), and the check
      // of a new password against the policy that Welcome's profile page makes before it lets one be set.
      write("PUT", "/user/" + ID + "/(profile|credentials)"),
      write("POST", "/identity/password-policy"));

  private StaffWrites() {}

  private static Pattern write(String method, String path) {
    return Pattern.compile(method + " " + path);
  }

  static boolean allows(EngineCall call) {
    String request = call.method() + " " + call.path();
    return ALLOWED.stream().anyMatch(allowed -> allowed.matcher(request).matches());
  }
}
