package org.jheartbeat.api.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.jheartbeat.api.StatusJson;

/** {@code GET /api/v1/status}: the status report as JSON, 503 when the event loop does not answer. */
final class StatusHandler implements HttpHandler {
  private final HttpBackend backend;

  StatusHandler(HttpBackend backend) {
    this.backend = backend;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    if (!Exchanges.allow(ex, "GET", "HEAD")) {
      return;
    }
    try {
      Exchanges.send(ex, 200, Exchanges.JSON, Exchanges.utf8(StatusJson.write(backend.status())));
    } catch (TimeoutException e) {
      Exchanges.error(ex, 503, "event loop did not answer");
    }
  }
}
