package org.kapcare.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.kapcare.forms.InvalidInputException;
import org.springframework.mock.web.MockHttpServletRequest;

/** The body the guard reads once and hands on: refused when hostile, and the same bytes by every way of reading it. */
class RequestBodyTest {

  private static MockHttpServletRequest post(String type, byte[] body) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/engine-rest/filter/f/list");
    request.setContentType(type);
    request.setContent(body);
    return request;
  }

  @Test
  void aBodyOverAMegabyteIsRefusedWithAClearMessage() {
    byte[] large = new byte[RequestBody.MAX_BYTES + 1];
    assertThatThrownBy(() -> RequestBody.read(post("application/json", large)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("larger than 1024 kB");
  }

  @Test
  void aBodyNotDeclaredJsonThatIsNotJsonIsHandedOnUnparsed() throws Exception {
    byte[] text = "{\"sorting\":".getBytes(StandardCharsets.UTF_8);
    RequestBody read = RequestBody.read(post("text/plain", text));
    assertThat(read.json()).isNull();
    assertThat(read.replay(post("text/plain", new byte[0])).getInputStream().readAllBytes()).isEqualTo(text);
    assertThatThrownBy(() -> RequestBody.read(post("application/json", text)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("not valid JSON");
  }

  /** A rewritten body (a group queue's call with its task ids) must carry its own length, or the API reads it cut off. */
  @Test
  void aRewrittenBodyIsTheSameByStreamAndReaderAndCarriesItsOwnLength() throws Exception {
    byte[] rewritten = "{\"taskIdIn\":[\"é\"]}".getBytes(StandardCharsets.UTF_8);
    HttpServletRequest request = RequestBody.withBody(post("application/json", "{}".getBytes(StandardCharsets.UTF_8)), rewritten);
    assertThat(request.getContentLength()).isEqualTo(rewritten.length);
    assertThat(request.getContentLengthLong()).isEqualTo(rewritten.length);
    ServletInputStream in = request.getInputStream();
    assertThat(in.isReady()).isTrue();
    assertThat(in.isFinished()).isFalse();
    assertThat(in.readAllBytes()).isEqualTo(rewritten);
    assertThat(in.isFinished()).isTrue();
    assertThatThrownBy(() -> in.setReadListener(null)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(request.getReader().readLine()).isEqualTo(new String(rewritten, StandardCharsets.UTF_8));
  }
}
