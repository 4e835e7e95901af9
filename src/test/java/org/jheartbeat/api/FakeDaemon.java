package org.jheartbeat.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the daemon's end of the control socket: records each request line and sends
 * a canned answer (or none, to provoke a timeout). Closing it stops the thread and removes the
 * socket file.
 */
public final class FakeDaemon implements AutoCloseable {
  private final ServerSocketChannel server;
  private final Path socket;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Thread thread;

  private FakeDaemon(Path runDir, String answer) throws IOException {
    socket = ControlSocket.in(runDir);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    thread = new Thread(() -> serve(answer), "fake-daemon");
    thread.setDaemon(true);
    thread.start();
  }

  /** Answers every request with {@code answer}; null means read the request and never answer. */
  public static FakeDaemon answering(Path runDir, String answer) throws IOException {
    return new FakeDaemon(runDir, answer);
  }

  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void serve(String answer) {
    while (server.isOpen()) {
      try (SocketChannel client = server.accept()) {
        BufferedReader in = new BufferedReader(
            new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
        requests.add(in.readLine());
        if (answer == null) {
          in.readLine(); // blocks until the client gives up and closes
          continue;
        }
        client.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
    thread.join(5_000);
    Files.deleteIfExists(socket);
  }
}
