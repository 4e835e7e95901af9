package org.jheartbeat.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jheartbeat.api.http.RequestTimeLimit;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jheartbeat.resources.BuiltinWeb;
import org.jheartbeat.resources.PageServer;

/**
 * {@link PageServer} with the JDK's HTTP server: one server and two daemon threads per site;
 * every path answers 200 with a small HTML page naming the node, and {@code Connection: close}
 * so that clients see at once which node serves the next request.
 */
public final class JdkPageServer implements PageServer {
  @Override
  public Site serve(String address, int port, String node) throws IOException {
    RequestTimeLimit.apply();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 50);
    byte[] page = ("<!doctype html>\n<html><head><title>" + node + "</title></head>\n<body><h1>Served by " + node
        + "</h1>\n<p>jheartbeat built-in web resource on " + address + ":" + port + "</p></body></html>\n")
        .getBytes(StandardCharsets.UTF_8);
    ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "jhbweb-" + address + ":" + port);
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.createContext("/", exchange -> answer(exchange, node, page));
    server.start();
    return () -> {
      server.stop(0);
      threads.shutdownNow();
      try {
        threads.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  private static void answer(HttpExchange exchange, String node, byte[] page) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.getResponseHeaders().set(BuiltinWeb.NODE_HEADER, node);
      exchange.getResponseHeaders().set("Connection", "close");
      boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
      exchange.sendResponseHeaders(200, head ? -1 : page.length);
      if (!head) {
        try (OutputStream body = exchange.getResponseBody()) {
          body.write(page);
        }
      }
    }
  }
}
