package org.jheartbeat.api.http;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon's HTTP API on the JDK server ({@code http_api [ADDRESS:]PORT}): {@code GET
 * /api/v1/status} (JSON), {@code GET /metrics} (Prometheus), {@code POST /api/v1/standby} and
 * {@code POST /api/v1/takeover} (bearer token), and the dashboard at {@code /}. Two worker
 * threads ({@code hb-http-N}) with a short queue; when both are busy and the queue is full the
 * server's dispatcher answers itself, which slows clients down instead of dropping them. State
 * is read only through the {@link HttpBackend}, i.e. through snapshots taken on the loop. Bound
 * to a loopback address, it answers only loopback host names ({@link LoopbackHostFilter}); a
 * request must be read within {@link RequestTimeLimit}.
 */
public final class HttpApi implements Closeable {
  private static final int THREADS = 2;
  private static final int QUEUE = 32;

  private final HttpServer server;
  private final ThreadPoolExecutor executor;

  private HttpApi(HttpServer server, ThreadPoolExecutor executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Binds {@code address} (port 0 picks a free one) and starts serving. */
  public static HttpApi start(InetSocketAddress address, HttpBackend backend, Optional<ApiToken> token)
      throws IOException {
    RequestTimeLimit.apply();
    HttpServer server = HttpServer.create(address, 16);
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE), r -> {
          Thread t = new Thread(r, "hb-http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    server.setExecutor(executor);
    List<HttpContext> contexts = List.of(
        server.createContext("/api/v1/status", new StatusHandler(backend)),
        server.createContext("/api/v1/standby", new ActionHandler(token, backend::standby)),
        server.createContext("/api/v1/takeover", new ActionHandler(token, backend::takeover)),
        server.createContext("/metrics", new MetricsHandler(backend)),
        server.createContext("/", new DashboardHandler()));
    if (address.getAddress() != null && address.getAddress().isLoopbackAddress()) {
      contexts.forEach(c -> c.getFilters().add(new LoopbackHostFilter()));
    }
    server.start();
    return new HttpApi(server, executor);
  }

  /** Where the server listens (the bound port when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
