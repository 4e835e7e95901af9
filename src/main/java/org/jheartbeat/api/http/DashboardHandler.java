package org.jheartbeat.api.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The live dashboard at {@code /}: three static files from the jar ({@code dashboard/}), which
 * poll {@code /api/v1/status} every second. Any other path is 404; nothing is read from disk.
 */
final class DashboardHandler implements HttpHandler {
  private static final Map<String, String> FILES = Map.of(
      "/", "index.html",
      "/index.html", "index.html",
      "/dashboard.js", "dashboard.js",
      "/dashboard.css", "dashboard.css");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8");

  @Override
  public void handle(HttpExchange ex) throws IOException {
    if (!Exchanges.allow(ex, "GET", "HEAD")) {
      return;
    }
    String file = FILES.get(ex.getRequestURI().getPath());
    if (file == null) {
      Exchanges.error(ex, 404, "not found");
      return;
    }
    byte[] body;
    try (InputStream in = DashboardHandler.class.getResourceAsStream("/dashboard/" + file)) {
      if (in == null) {
        Exchanges.error(ex, 404, "dashboard not packaged");
        return;
      }
      body = in.readAllBytes();
    }
    ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'");
    Exchanges.send(ex, 200, TYPES.get(file.substring(file.lastIndexOf('.') + 1)), body);
  }
}
