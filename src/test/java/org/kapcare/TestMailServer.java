package org.kapcare;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A real SMTP server (GreenMail) in the test JVM, on a port chosen once per run, and the app pointed at it. */
public final class TestMailServer {

  private static final int PORT = freePort();

  private TestMailServer() {}

  /** Register with {@code @RegisterExtension}: started and emptied for every test. */
  public static GreenMailExtension smtp() {
    return new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", "smtp"));
  }

  /** The same as command-line arguments, for an app started in its own JVM. */
  public static String[] arguments() {
    return new String[] {"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + PORT};
  }

  /** Call from a {@code @DynamicPropertySource} method. */
  public static void configure(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> PORT);
  }

  public static List<MimeMessage> mailTo(GreenMailExtension smtp, String address) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> recipients(mail).contains(address)).toList();
  }

  private static List<String> recipients(MimeMessage mail) {
    try {
      return Arrays.stream(mail.getAllRecipients()).map(Address::toString).toList();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
