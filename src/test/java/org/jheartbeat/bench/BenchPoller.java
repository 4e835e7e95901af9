package org.jheartbeat.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jheartbeat.e2e.VipPoller;

/**
 * The benchmark's client, run as a child JVM in the lab's client namespace:
 * {@code java -cp CP org.jheartbeat.bench.BenchPoller URL intervalMs timeoutMs maxSeconds outFile}.
 * Unlike the tests' {@link VipPoller}, which never has two polls at once, it starts a poll every
 * {@code intervalMs} whatever the earlier ones do: a poll that hangs on an address nobody holds
 * (until {@code timeoutMs}) must not hide the moment the new node answers, or the resolution of
 * the measurement would be the timeout instead of the interval. Each poll is one HTTP GET on a
 * fresh connection ({@link VipPoller#poll}); lines {@code t_start t_end answer} in completion
 * order. Stops after {@code maxSeconds} or when its stdin closes (the benchmark ended).
 */
public final class BenchPoller {
  private BenchPoller() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 5) {
      System.err.println("usage: BenchPoller URL intervalMs timeoutMs maxSeconds outFile");
      System.exit(2);
    }
    URI url = URI.create(args[0]);
    long intervalMs = Long.parseLong(args[1]);
    int timeoutMs = Integer.parseInt(args[2]);
    long maxSeconds = Long.parseLong(args[3]);
    Path out = Path.of(args[4]);
    String host = url.getHost();
    int port = url.getPort() < 0 ? 80 : url.getPort();
    byte[] request = ("GET / HTTP/1.0\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);

    Thread lifeline = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // the benchmark is alive
        }
      } catch (IOException e) {
        // the benchmark is gone
      }
      System.exit(0);
    }, "stdin-lifeline");
    lifeline.setDaemon(true);
    lifeline.start();

    // at most timeout/interval polls are in flight; the pool bound only guards against a stuck JVM
    int inFlight = (int) Math.min(64, timeoutMs / Math.max(1, intervalMs) + 4);
    ExecutorService polls = Executors.newFixedThreadPool(inFlight);
    ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    try (BufferedWriter w = Files.newBufferedWriter(out)) {
      ticks.scheduleAtFixedRate(() -> polls.execute(() -> {
        Instant start = Instant.now();
        String answer = VipPoller.poll(host, port, request, timeoutMs);
        Instant end = Instant.now();
        synchronized (w) {
          try {
            w.write(epoch(start) + " " + epoch(end) + " " + answer + "\n");
            w.flush();
          } catch (IOException e) {
            System.exit(1);
          }
        }
      }), 0, intervalMs, TimeUnit.MILLISECONDS);
      Thread.sleep(TimeUnit.SECONDS.toMillis(maxSeconds));
    }
    System.exit(0);
  }

  private static String epoch(Instant t) {
    return String.format("%d.%06d", t.getEpochSecond(), t.getNano() / 1000);
  }
}
