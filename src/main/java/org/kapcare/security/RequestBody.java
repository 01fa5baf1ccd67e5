package org.kapcare.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.kapcare.forms.InvalidInputException;

/**
 * A request's body read once, for the guard to look at, and handed on unchanged to the API behind
 * it. Form posts (the webapps' login) and uploads are left unread; anything else that parses as JSON
 * is JSON to the API too, whatever its content type says, so it is read as such.
 */
public final class RequestBody {

  /** Far above any form submission or query (the largest are a few kB). */
  static final int MAX_BYTES = 1 << 20;
  private static final int MAX_DEPTH = 32;
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build());

  private final byte[] bytes;
  private final JsonNode json;

  private RequestBody(byte[] bytes, JsonNode json) {
    this.bytes = bytes;
    this.json = json;
  }

  /** The body, or a refusal when it is too large, too deep, or declared JSON but not JSON. */
  static RequestBody read(HttpServletRequest request) throws IOException {
    String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase();
    if (type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded")) {
      return new RequestBody(null, null);
    }
    byte[] bytes = request.getInputStream().readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new InvalidInputException("body", "The request is larger than " + MAX_BYTES / 1024 + " kB");
    }
    if (bytes.length == 0) {
      return new RequestBody(bytes, null);
    }
    try {
      return new RequestBody(bytes, JSON.readTree(bytes));
    } catch (StreamConstraintsException e) {
      throw new InvalidInputException("body", "The request is nested deeper than " + MAX_DEPTH + " levels");
    } catch (JsonProcessingException e) {
      if (type.contains("json")) {
        throw new InvalidInputException("body", "The request is not valid JSON");
      }
      return new RequestBody(bytes, null);
    }
  }

  /** The parsed JSON, or null when the body is empty, unread or not JSON. */
  JsonNode json() {
    return json;
  }

  /** The request as it came, its body readable again. */
  HttpServletRequest replay(HttpServletRequest request) {
    return bytes == null ? request : withBody(request, bytes);
  }

  /** {@code request} with {@code bytes} as its body, for a filter that reads or rewrites it. */
  public static HttpServletRequest withBody(HttpServletRequest request, byte[] bytes) {
    return new HttpServletRequestWrapper(request) {
      @Override
      public int getContentLength() {
        return bytes.length;
      }

      @Override
      public long getContentLengthLong() {
        return bytes.length;
      }

      @Override
      public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        return new ServletInputStream() {
          @Override
          public int read() throws IOException {
            return in.read();
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            return in.read(buffer, offset, length);
          }

          @Override
          public boolean isFinished() {
            return in.available() == 0;
          }

          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("the body is already read");
          }
        };
      }

      @Override
      public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
      }
    };
  }
}
