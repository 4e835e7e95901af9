package org.jheartbeat.e2e;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The client of the failover tests, run as a small child JVM in the client namespace by
 * {@link VipClient}: {@code java -cp CP org.jheartbeat.e2e.VipPoller URL intervalMs timeoutMs
 * maxSeconds outFile}. Every {@code intervalMs} it starts an HTTP/1.0 {@code GET} on a fresh TCP
 * connection (no pooling, so a moved VIP is noticed at once), with {@code timeoutMs} for the
 * whole exchange, and appends {@code t_start t_end answer} to {@code outFile} (epoch seconds with
 * microseconds, as the golden traces' client.log; answer = the body without surrounding white
 * space, or {@code -} for a failure: refused, timeout, non-200). A poll that overruns the
 * interval delays the next one (never two at once). It stops after {@code maxSeconds}, or as
 * soon as its standard input closes (the test JVM ended).
 */
public final class VipPoller {
  private VipPoller() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 5) {
      System.err.println("usage: VipPoller URL intervalMs timeoutMs maxSeconds outFile");
      System.exit(2);
    }
    URI url = URI.create(args[0]);
    long intervalNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[1]));
    int timeoutMs = Integer.parseInt(args[2]);
    long endNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[3]));
    Path out = Path.of(args[4]);

    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // parent alive
        }
      } catch (IOException e) {
        // parent gone
      }
      System.exit(0);
    }, "stdin-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();

    String host = url.getHost();
    int port = url.getPort() < 0 ? 80 : url.getPort();
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    byte[] request = ("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    try (BufferedWriter w = Files.newBufferedWriter(out)) {
      long next = System.nanoTime();
      while (System.nanoTime() < endNanos) {
        long now = System.nanoTime();
        if (next > now) {
          LockSupport.parkNanos(next - now);
        }
        next = Math.max(next + intervalNanos, System.nanoTime());
        Instant start = Instant.now();
        String answer = poll(host, port, request, timeoutMs);
        Instant end = Instant.now();
        w.write(epoch(start) + " " + epoch(end) + " " + answer + "\n");
        w.flush();
      }
    }
    System.exit(0);
  }

  private static String epoch(Instant t) {
    return String.format("%d.%06d", t.getEpochSecond(), t.getNano() / 1000);
  }

  /** One GET; the trimmed body of a 200 answer, else "-". */
  public static String poll(String host, int port, byte[] request, int timeoutMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    try (Socket s = new Socket()) {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), timeoutMs);
      OutputStream o = s.getOutputStream();
      o.write(request);
      o.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      byte[] b = new byte[4096];
      while (true) {
        int left = (int) TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return "-";
        }
        s.setSoTimeout(left);
        int n = in.read(b);
        if (n < 0) {
          break;
        }
        buf.write(b, 0, n);
        if (buf.size() > 65536) {
          return "-";
        }
      }
      String resp = buf.toString(StandardCharsets.ISO_8859_1);
      int sep = resp.indexOf("\r\n\r\n");
      if (!resp.startsWith("HTTP/1.") || sep < 0 || !resp.substring(0, resp.indexOf("\r\n")).contains(" 200")) {
        return "-";
      }
      String body = resp.substring(sep + 4).strip();
      return body.isEmpty() || body.chars().anyMatch(Character::isWhitespace) ? "-" : body;
    } catch (SocketTimeoutException e) {
      return "-";
    } catch (IOException | RuntimeException e) {
      return "-";
    }
  }
}
