package org.jheartbeat.resources;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code jhbweb} sites this daemon process serves, keyed {@code ADDRESS:PORT}. Agents are
 * created per action, so the state lives here, one instance per daemon: a site exists exactly
 * while this process serves it, and dies with the process (a crash model, as a killed node's
 * web server goes with it).
 */
public final class WebSites implements AutoCloseable {
  /** No page server: every jhbweb start fails (for runners that have no daemon behind them). */
  public static final WebSites NONE = new WebSites(PageServer.UNAVAILABLE, "");

  private final PageServer server;
  private final String node;
  private final Map<String, PageServer.Site> sites = new HashMap<>();

  /** Sites served by {@code server} with pages naming {@code node}. */
  public WebSites(PageServer server, String node) {
    this.server = server;
    this.node = node;
  }

  /** Starts serving; serving already succeeds at once. */
  public synchronized void start(String address, int port) throws IOException {
    String key = address + ":" + port;
    if (!sites.containsKey(key)) {
      sites.put(key, server.serve(address, port, node));
    }
  }

  /** Stops serving; stopping a site not served succeeds. */
  public synchronized void stop(String address, int port) {
    PageServer.Site site = sites.remove(address + ":" + port);
    if (site != null) {
      site.close();
    }
  }

  public synchronized boolean serving(String address, int port) {
    return sites.containsKey(address + ":" + port);
  }

  /** Stops every site (daemon exit). */
  @Override
  public synchronized void close() {
    sites.values().forEach(PageServer.Site::close);
    sites.clear();
  }
}
