package org.jheartbeat.api.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.jheartbeat.api.StatusReport;

/**
 * The backend of tests that exercise the HTTP layer itself (request limits, Host checks) rather
 * than what it serves: a fixed status, a one-line metrics page, and no standby or takeover
 * expected (one fails the test).
 */
final class ReadOnlyBackend implements HttpBackend {
  /** An API without a token on an ephemeral loopback port. */
  static HttpApi startOnLoopback() throws IOException {
    return HttpApi.start(new InetSocketAddress("127.0.0.1", 0), new ReadOnlyBackend(), Optional.empty());
  }

  @Override
  public StatusReport status() {
    return HttpApiTest.report();
  }

  @Override
  public String metrics() {
    return "# metrics\n";
  }

  @Override
  public ActionResult standby(String set) {
    throw new AssertionError("no action expected");
  }

  @Override
  public ActionResult takeover(String set) {
    throw new AssertionError("no action expected");
  }
}
