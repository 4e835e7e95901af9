package org.jheartbeat.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writing replies: every answer has a length, no caching and no content sniffing. */
final class Exchanges {
  static final String JSON = "application/json; charset=utf-8";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Exchanges() {}

  static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }

  static void json(HttpExchange ex, int status, Object value) throws IOException {
    byte[] body;
    try {
      body = MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IOException("reply not serialisable", e);
    }
    send(ex, status, JSON, body);
  }

  static void error(HttpExchange ex, int status, String message) throws IOException {
    json(ex, status, Map.of("error", message));
  }

  /**
   * 404 unless the path is exactly the handler's (contexts match prefixes), then 405 unless the
   * method is one of {@code allowed}; true when the request may go on.
   */
  static boolean allow(HttpExchange ex, String... allowed) throws IOException {
    String context = ex.getHttpContext().getPath();
    if (!context.equals("/") && !ex.getRequestURI().getPath().equals(context)) {
      error(ex, 404, "not found");
      return false;
    }
    for (String m : allowed) {
      if (m.equals(ex.getRequestMethod())) {
        return true;
      }
    }
    ex.getResponseHeaders().set("Allow", String.join(", ", allowed));
    error(ex, 405, ex.getRequestMethod() + " not allowed");
    return false;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
