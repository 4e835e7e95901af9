package org.jheartbeat.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the one request line of a control connection with a deadline: the control socket
 * serves one connection at a time, so a client that connects and sends nothing (or dribbles)
 * must not hold it. Yields the line without its newline (or what came before end of input);
 * empty on a timeout, on end of input before any byte, or when the line exceeds the limit.
 * The channel is left in blocking mode for the answer.
 */
final class RequestLine {
  private RequestLine() {}

  static Optional<String> read(SocketChannel client, int maxBytes, Duration timeout) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(1024);
    long deadline = System.nanoTime() + timeout.toNanos();
    client.configureBlocking(false);
    try (Selector selector = Selector.open()) {
      client.register(selector, SelectionKey.OP_READ);
      while (true) {
        long leftMs = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMs <= 0) {
          return Optional.empty();
        }
        selector.select(leftMs);
        selector.selectedKeys().clear();
        buf.clear();
        int n = client.read(buf);
        if (n < 0) {
          return line.size() == 0 ? Optional.empty() : Optional.of(line.toString(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < n; i++) {
          byte b = buf.get(i);
          if (b == '\n') {
            return Optional.of(line.toString(StandardCharsets.UTF_8));
          }
          line.write(b);
        }
        if (line.size() > maxBytes) {
          return Optional.empty();
        }
      }
    } finally {
      // closing the selector deregisters the channel, which blocking mode requires
      client.configureBlocking(true);
    }
  }
}
