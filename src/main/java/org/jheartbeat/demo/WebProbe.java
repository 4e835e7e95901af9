package org.jheartbeat.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo's client: a thread that asks {@code http://ADDRESS:PORT/} for the page every
 * {@code interval} ms (a new connection each time, short time limits) and notes which node
 * answered (the {@code X-Jheartbeat-Node} header, else the page's title). A step's outage is
 * the longest time between two answers since the step began.
 */
final class WebProbe implements AutoCloseable {
  static final int INTERVAL_MS = 30;
  private static final int CONNECT_TIMEOUT_MS = 200;
  private static final int READ_TIMEOUT_MS = 400;

  /** Where answers come from: one request per call, paced by the source. Empty: no answer. */
  interface Source {
    Optional<String> next() throws InterruptedException;
  }

  private final String address;
  private final int port;
  private final Terminal terminal;
  private final Source source;
  private final Thread thread;
  private volatile boolean running = true;

  // Guarded by this.
  private String answerer;
  private long lastOkNanos;
  private long stepMaxGapNanos;
  private long okCount;
  private long failedCount;
  private long stepFailed;
  private long downSinceNanos;

  /** A client in this process, asking every {@value #INTERVAL_MS} ms. */
  WebProbe(String address, int port, Terminal terminal) {
    this(address, port, terminal, null);
  }

  /** A client whose answers come from {@code source} (e.g. a client in another namespace). */
  WebProbe(String address, int port, Terminal terminal, Source source) {
    this.address = address;
    this.port = port;
    this.terminal = terminal;
    this.source = source != null ? source : this::askPaced;
    this.thread = new Thread(this::loop, "demo-client");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  String url() {
    return "http://" + address + ":" + port + "/";
  }

  /** Begins a step: the outage and failures are counted from here. */
  synchronized void mark() {
    stepMaxGapNanos = 0;
    stepFailed = 0;
  }

  /** Who answered the last request, or empty when it failed. */
  synchronized Optional<String> answerer() {
    return Optional.ofNullable(answerer);
  }

  /** The longest time without an answer since {@link #mark}, in ms (a gap still open counts). */
  synchronized long stepOutageMs() {
    long gap = stepMaxGapNanos;
    if (answerer == null && lastOkNanos != 0) {
      gap = Math.max(gap, System.nanoTime() - lastOkNanos);
    }
    return gap / 1_000_000;
  }

  synchronized long stepFailed() {
    return stepFailed;
  }

  /** Waits until {@code node} answers (bounded by {@code deadlineNanos}); false on time-out. */
  boolean awaitAnswerFrom(String node, long deadlineNanos) throws InterruptedException {
    while (System.nanoTime() < deadlineNanos) {
      if (answerer().filter(node::equals).isPresent()) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }

  /** Waits until anyone answers; returns who, or empty on time-out. */
  Optional<String> awaitAnyAnswer(long deadlineNanos) throws InterruptedException {
    while (System.nanoTime() < deadlineNanos) {
      Optional<String> a = answerer();
      if (a.isPresent()) {
        return a;
      }
      Thread.sleep(10);
    }
    return Optional.empty();
  }

  private void loop() {
    while (running) {
      try {
        Optional<String> node = source.next();
        if (running) {
          record(node, System.nanoTime());
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One request, then a pause so that requests start every {@value #INTERVAL_MS} ms. */
  Optional<String> askPaced() throws InterruptedException {
    long began = System.nanoTime();
    Optional<String> node = ask();
    long sleep = INTERVAL_MS - (System.nanoTime() - began) / 1_000_000;
    if (sleep > 0) {
      Thread.sleep(sleep);
    }
    return node;
  }

  private void record(Optional<String> node, long now) {
    String change;
    String detail;
    synchronized (this) {
      if (node.isPresent()) {
        okCount++;
        if (lastOkNanos != 0) {
          long gap = now - lastOkNanos;
          stepMaxGapNanos = Math.max(stepMaxGapNanos, gap);
        }
        lastOkNanos = now;
        downSinceNanos = 0;
        answerer = node.get();
      } else {
        failedCount++;
        stepFailed++;
        if (downSinceNanos == 0) {
          downSinceNanos = lastOkNanos != 0 ? lastOkNanos : now;
        }
        answerer = null;
      }
      change = node.map(n -> n + " answers").orElse("no answer");
      detail = node.map(n -> "  client -> " + url() + "  answered by " + n)
          .orElseGet(() -> "  client -> " + url() + "  NO ANSWER for " + (now - downSinceNanos) / 1_000_000 + " ms")
          + "   (" + okCount + " ok, " + failedCount + " failed)";
    }
    terminal.status(change, detail);
  }

  /** One GET on a new connection; the node that answered, or empty. */
  Optional<String> ask() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
      s.setSoTimeout(READ_TIMEOUT_MS);
      OutputStream out = s.getOutputStream();
      out.write(("GET / HTTP/1.0\r\nHost: " + address + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
      return nodeOf(response);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The node a response names: its X-Jheartbeat-Node header, else its title; only on status 200. */
  static Optional<String> nodeOf(String response) {
    if (!response.startsWith("HTTP/1.") || !response.substring(0, Math.min(16, response.length())).contains(" 200")) {
      return Optional.empty();
    }
    for (String line : response.split("\r\n")) {
      if (line.isEmpty()) {
        break;
      }
      if (line.toLowerCase(Locale.ROOT).startsWith("x-jheartbeat-node:")) {
        return Optional.of(line.substring(line.indexOf(':') + 1).strip());
      }
    }
    int t = response.indexOf("<title>");
    int e = response.indexOf("</title>");
    return t >= 0 && e > t ? Optional.of(response.substring(t + 7, e).strip()) : Optional.empty();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
