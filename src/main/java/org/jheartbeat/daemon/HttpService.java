package org.jheartbeat.daemon;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import org.jheartbeat.api.http.ApiToken;
import org.jheartbeat.api.http.HttpApi;
import org.jheartbeat.api.http.HttpBackend;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.config.HttpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the HTTP API when ha.cf has {@code http_api}. The actions' bearer token comes from
 * {@code <state-dir>/api-token} (created 0600 when missing); an unusable token file is logged
 * and leaves the read-only endpoints running with the actions disabled. A port that cannot be
 * bound stops the start-up, as a medium that cannot be opened does.
 */
final class HttpService {
  private static final Logger log = LoggerFactory.getLogger("heartbeat");

  private HttpService() {}

  static Optional<HttpApi> start(HaCf cf, Path stateDir, HttpBackend backend) throws IOException {
    Optional<HttpEndpoint> where = cf.httpApi();
    if (where.isEmpty()) {
      return Optional.empty();
    }
    Path tokenFile = stateDir.resolve(ApiToken.FILE_NAME);
    Optional<ApiToken> token;
    try {
      token = Optional.of(ApiToken.loadOrCreate(tokenFile));
    } catch (IOException e) {
      log.error("HTTP API: standby/takeover disabled: {}", e.getMessage());
      token = Optional.empty();
    }
    HttpEndpoint e = where.get();
    HttpApi api;
    try {
      api = HttpApi.start(new InetSocketAddress(e.address(), e.port()), backend, token);
    } catch (IOException ex) {
      throw new IOException("HTTP API cannot listen on " + e + ": " + ex.getMessage(), ex);
    }
    log.info("HTTP API listening on http://{}:{}/ (token file {})", e.address().contains(":")
        ? "[" + e.address() + "]" : e.address(), api.address().getPort(), tokenFile);
    return Optional.of(api);
  }
}
