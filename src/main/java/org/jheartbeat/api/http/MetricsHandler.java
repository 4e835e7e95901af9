package org.jheartbeat.api.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** {@code GET /metrics}: the Prometheus text exposition format (version 0.0.4). */
final class MetricsHandler implements HttpHandler {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private final HttpBackend backend;

  MetricsHandler(HttpBackend backend) {
    this.backend = backend;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    if (Exchanges.allow(ex, "GET", "HEAD")) {
      Exchanges.send(ex, 200, CONTENT_TYPE, Exchanges.utf8(backend.metrics()));
    }
  }
}
