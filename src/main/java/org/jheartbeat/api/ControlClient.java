package org.jheartbeat.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Client side of the {@link ControlSocket} protocol, used by the Heartbeat-compatible tools.
 * Distinguishes the outcomes the tools report differently: no daemon (nothing listens), no
 * permission to connect, a timeout (Heartbeat's cl_status exit 12 after 5 s), and an answer.
 */
public final class ControlClient {
  /** cl_status gives up after 5 s, as Heartbeat's does. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** One line of the daemon's answer, for standard output or standard error. */
  public record Line(boolean error, String text) {}

  /** The daemon's answer: the lines to print and the exit status of the tool. */
  public record Reply(List<Line> lines, int exitCode) {}

  /** Why no reply came. */
  public enum Failure {
    NOT_RUNNING,
    /** the socket exists but this user may not connect to it (not root, not in haclient) */
    DENIED,
    TIMEOUT,
    PROTOCOL
  }

  /** Either a reply or a failure. */
  public record Outcome(Optional<Reply> reply, Optional<Failure> failure) {
    static Outcome of(Reply r) {
      return new Outcome(Optional.of(r), Optional.empty());
    }

    static Outcome failed(Failure f) {
      return new Outcome(Optional.empty(), Optional.of(f));
    }
  }

  private final Path socket;
  private final Duration timeout;

  public ControlClient(Path socket, Duration timeout) {
    this.socket = socket;
    this.timeout = timeout;
  }

  /** Sends {@code tool} with {@code args} and waits for the answer, at most the timeout. */
  public Outcome request(String tool, List<String> args) {
    SocketChannel channel;
    try {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException | UnsupportedOperationException e) {
      return Outcome.failed(Files.exists(socket) && !Files.isWritable(socket) ? Failure.DENIED : Failure.NOT_RUNNING);
    }
    var reader = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "control-client");
      t.setDaemon(true);
      return t;
    });
    try (channel) {
      List<String> words = new ArrayList<>();
      words.add(tool);
      words.addAll(args);
      channel.write(ByteBuffer.wrap((String.join("\t", words) + "\n").getBytes(StandardCharsets.UTF_8)));
      Future<Outcome> answer = reader.submit(() -> read(channel));
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return Outcome.failed(Failure.TIMEOUT);
    } catch (IOException | ExecutionException e) {
      return Outcome.failed(Failure.PROTOCOL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.failed(Failure.TIMEOUT);
    } finally {
      reader.shutdownNow();
    }
  }

  private static Outcome read(SocketChannel channel) throws IOException {
    BufferedReader in = new BufferedReader(
        new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    List<Line> lines = new ArrayList<>();
    for (String l = in.readLine(); l != null; l = in.readLine()) {
      int tab = l.indexOf('\t');
      String kind = tab < 0 ? l : l.substring(0, tab);
      String text = tab < 0 ? "" : l.substring(tab + 1);
      switch (kind) {
        case "out" -> lines.add(new Line(false, text));
        case "err" -> lines.add(new Line(true, text));
        case "rc" -> {
          try {
            return Outcome.of(new Reply(lines, Integer.parseInt(text)));
          } catch (NumberFormatException e) {
            return Outcome.failed(Failure.PROTOCOL);
          }
        }
        default -> {
          return Outcome.failed(Failure.PROTOCOL);
        }
      }
    }
    return Outcome.failed(Failure.PROTOCOL);
  }
}
