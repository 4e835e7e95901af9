package org.jheartbeat.api;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's end of the {@link ControlSocket}: one thread accepts connections, reads one
 * request line (within {@link #READ_TIMEOUT}), asks the handler (which takes a snapshot on the
 * event loop) and writes the answer. Requests are tiny and rare, so one connection at a time is
 * enough. Two locks keep other local users out: the socket file is created mode 0660 and given
 * to group haclient (when it exists), and each connection's peer credentials ({@code
 * SO_PEERCRED}) must satisfy {@link ControlAccess} before its request is acted on, so a socket
 * file whose mode was widened by hand still admits no one else. A refused client gets an error reply with exit status 1.
 */
public final class ControlServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
  private static final int MAX_REQUEST = 4096;
  /** Tools send their one line at once; a client silent for this long is dropped. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

  private final Path socket;
  private final ServerSocketChannel server;
  private final Thread thread;

  private ControlServer(Path socket, ServerSocketChannel server, Function<List<String>, ControlClient.Reply> handler,
      ControlAccess access) {
    this.socket = socket;
    this.server = server;
    this.thread = new Thread(() -> serve(handler, access), "hb-control");
    this.thread.setDaemon(true);
  }

  /** Binds the socket in {@code runDir} (replacing a stale one) and starts answering. */
  public static ControlServer start(Path runDir, Function<List<String>, ControlClient.Reply> handler) throws IOException {
    Files.createDirectories(runDir);
    Path socket = ControlSocket.in(runDir);
    Files.deleteIfExists(socket);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
    giveToGroup(socket, "haclient");
    ControlServer s = new ControlServer(socket, server, handler, ControlAccess.forThisProcess());
    s.thread.start();
    return s;
  }

  /** Heartbeat's tools are for root and the haclient group, when the system has that group. */
  private static void giveToGroup(Path socket, String group) {
    try {
      GroupPrincipal principal = socket.getFileSystem().getUserPrincipalLookupService()
          .lookupPrincipalByGroupName(group);
      Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(principal);
    } catch (UserPrincipalNotFoundException e) {
      log.debug("no group {}: the control socket stays root-only", group);
    } catch (IOException | UnsupportedOperationException e) {
      log.warn("cannot give the control socket to group {}: {}", group, e.toString());
    }
  }

  private void serve(Function<List<String>, ControlClient.Reply> handler, ControlAccess access) {
    while (server.isOpen()) {
      try (SocketChannel client = server.accept()) {
        Optional<UnixDomainPrincipal> peer = peerOf(client);
        String user = peer.map(p -> p.user().getName()).orElse("(unknown)");
        String group = peer.map(p -> p.group().getName()).orElse("(unknown)");
        if (peer.isEmpty() || !access.allows(user, group)) {
          access.refused(user, group);
          // take the request first: a reply to an unread request could be lost to a reset
          RequestLine.read(client, MAX_REQUEST, READ_TIMEOUT);
          client.write(ByteBuffer.wrap(encode(new ControlClient.Reply(List.of(
              new ControlClient.Line(true, ControlAccess.refusalText(user))), 1)).getBytes(StandardCharsets.UTF_8)));
          continue;
        }
        String request = RequestLine.read(client, MAX_REQUEST, READ_TIMEOUT).orElse(null);
        ControlClient.Reply reply;
        try {
          reply = request == null
              ? new ControlClient.Reply(List.of(new ControlClient.Line(true, "empty request")), 13)
              : handler.apply(Arrays.asList(request.split("\t", -1)));
        } catch (RuntimeException e) {
          log.warn("control request '{}' failed: {}", request, e.toString());
          reply = new ControlClient.Reply(List.of(new ControlClient.Line(true, "request failed: " + e.getMessage())), 13);
        }
        client.write(ByteBuffer.wrap(encode(reply).getBytes(StandardCharsets.UTF_8)));
      } catch (IOException e) {
        if (server.isOpen()) {
          log.debug("control connection failed: {}", e.toString());
        }
      }
    }
  }

  /** The kernel's credentials of the connecting process; empty where the platform has none. */
  private static Optional<UnixDomainPrincipal> peerOf(SocketChannel client) {
    try {
      return Optional.of(client.getOption(ExtendedSocketOptions.SO_PEERCRED));
    } catch (IOException | UnsupportedOperationException e) {
      log.warn("control socket: cannot read the peer credentials, refusing: {}", e.toString());
      return Optional.empty();
    }
  }

  static String encode(ControlClient.Reply reply) {
    StringBuilder b = new StringBuilder();
    for (ControlClient.Line l : reply.lines()) {
      b.append(l.error() ? "err\t" : "out\t").append(l.text().replace('\n', ' ')).append('\n');
    }
    return b.append("rc\t").append(reply.exitCode()).append('\n').toString();
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(socket);
  }
}
