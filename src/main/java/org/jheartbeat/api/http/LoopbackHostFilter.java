package org.jheartbeat.api.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * On an API bound to a loopback address, answers only requests whose {@code Host} names the
 * loopback ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}), else 403. This defeats DNS
 * rebinding: a web page from elsewhere whose name is made to resolve to 127.0.0.1 would
 * otherwise let the visitor's browser read the status and metrics for it (the actions also need
 * the token, which such a page cannot send). An API bound to another address serves whatever
 * name the operator gave it.
 */
final class LoopbackHostFilter extends Filter {
  private static final Pattern LOOPBACK_HOST =
      Pattern.compile("(localhost|127(\\.[0-9]{1,3}){3}|\\[::1\\])(:[0-9]+)?");

  @Override
  public void doFilter(HttpExchange ex, Chain chain) throws IOException {
    String host = ex.getRequestHeaders().getFirst("Host");
    if (host == null || !LOOPBACK_HOST.matcher(host.strip().toLowerCase(Locale.ROOT)).matches()) {
      Exchanges.error(ex, 403, "this API answers only to a loopback host name");
      return;
    }
    chain.doFilter(ex);
  }

  @Override
  public String description() {
    return "Host must name the loopback";
  }
}
