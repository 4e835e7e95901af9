package org.jheartbeat.api.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /api/v1/standby} and {@code POST /api/v1/takeover}: the hb_standby/hb_takeover
 * of the control socket, allowed only with {@code Authorization: Bearer <token>} (else 401;
 * 403 when no usable token file exists). The set comes from the query or a form body,
 * {@code set=all|local|foreign} (or the bare word), default {@code all}. Answers 200 when the
 * resource manager accepted the request, 409 when it refused (the text says why).
 */
final class ActionHandler implements HttpHandler {
  static final List<String> SETS = List.of("all", "local", "foreign");
  private static final int MAX_BODY = 256;

  interface Action {
    HttpBackend.ActionResult run(String set) throws TimeoutException;
  }

  private final Optional<ApiToken> token;
  private final Action action;

  ActionHandler(Optional<ApiToken> token, Action action) {
    this.token = token;
    this.action = action;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    if (!Exchanges.allow(ex, "POST")) {
      return;
    }
    if (token.isEmpty()) {
      Exchanges.error(ex, 403, "actions are disabled: no usable API token file");
      return;
    }
    if (!token.get().accepts(ex.getRequestHeaders().getFirst("Authorization"))) {
      ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"jheartbeat\"");
      Exchanges.error(ex, 401, "a valid bearer token is required");
      return;
    }
    String set = setOf(ex.getRequestURI().getRawQuery())
        .or(() -> setOf(body(ex))).orElse("all");
    if (!SETS.contains(set)) {
      Exchanges.error(ex, 400, "set must be one of " + String.join(", ", SETS));
      return;
    }
    try {
      HttpBackend.ActionResult r = action.run(set);
      Exchanges.json(ex, r.accepted() ? 200 : 409, Map.of("accepted", r.accepted(), "set", set,
          "message", r.message()));
    } catch (TimeoutException e) {
      Exchanges.error(ex, 503, "event loop did not answer");
    }
  }

  private static String body(HttpExchange ex) {
    try (InputStream in = ex.getRequestBody()) {
      return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** {@code set=X} among form parameters, or a bare word. */
  static Optional<String> setOf(String form) {
    if (form == null || form.isBlank()) {
      return Optional.empty();
    }
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq < 0 && !form.contains("=")) {
        return Optional.of(decode(pair));
      }
      if (eq > 0 && decode(pair.substring(0, eq)).equals("set")) {
        return Optional.of(decode(pair.substring(eq + 1)));
      }
    }
    return Optional.empty();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8).strip();
  }
}
