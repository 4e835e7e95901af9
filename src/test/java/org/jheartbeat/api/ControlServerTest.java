package org.jheartbeat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jheartbeat.testkit.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServerTest {
  @TempDir Path runDir;

  @Test
  void clientAndServerSpeakTheSameProtocol() throws Exception {
    try (ControlServer server = ControlServer.start(runDir, request ->
        new ControlClient.Reply(List.of(new ControlClient.Line(false, String.join("|", request)),
            new ControlClient.Line(true, "multi\nline")), 7))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ControlSocket.in(runDir)))).isEqualTo("rw-rw----");
      ControlClient.Reply reply = new ControlClient(ControlSocket.in(runDir), Duration.ofSeconds(5))
          .request("cl_status", List.of("nodestatus", "alpha")).reply().orElseThrow();
      assertThat(reply.lines()).containsExactly(
          new ControlClient.Line(false, "cl_status|nodestatus|alpha"), new ControlClient.Line(true, "multi line"));
      assertThat(reply.exitCode()).isEqualTo(7);
    }
    assertThat(ControlSocket.in(runDir)).doesNotExist();
  }

  @Test
  void aFailingHandlerAnswersUnknownErrorAndTheServerGoesOn() throws Exception {
    try (ControlServer server = ControlServer.start(runDir, request -> {
      if (request.contains("boom")) {
        throw new IllegalStateException("boom");
      }
      return new ControlClient.Reply(List.of(), 0);
    })) {
      ControlClient client = new ControlClient(ControlSocket.in(runDir), Duration.ofSeconds(5));
      assertThat(client.request("x", List.of("boom")).reply().orElseThrow().exitCode()).isEqualTo(13);
      assertThat(client.request("x", List.of("fine")).reply().orElseThrow().exitCode()).isZero();
    }
  }

  @Test
  void aClientThatSendsNothingIsDroppedAfterTheReadTimeoutAndDoesNotHoldTheSocket() throws Exception {
    try (ControlServer server = ControlServer.start(runDir, request -> new ControlClient.Reply(List.of(), 0));
        SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(ControlSocket.in(runDir)))) {
      long t0 = System.nanoTime();
      ControlClient.Outcome next = new ControlClient(ControlSocket.in(runDir), Duration.ofSeconds(10))
          .request("cl_status", List.of("hbstatus"));
      assertThat(next.reply()).as("answered after the silent client was dropped").isPresent();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(ControlServer.READ_TIMEOUT.minusMillis(100));
      ByteBuffer answer = ByteBuffer.allocate(256);
      silent.read(answer);
      assertThat(new String(answer.array(), 0, answer.position(), StandardCharsets.UTF_8))
          .isEqualTo("err\tempty request\nrc\t13\n");
    }
  }

  /**
   * A real client process as user nobody (root only, as CI runs): even with the socket file
   * opened to everyone, its peer credentials are refused before its request is read; the same
   * client with group haclient (when the system has it) is answered.
   */
  @Test
  void aClientThatIsNeitherRootNorHaclientIsRefusedByItsPeerCredentials() throws Exception {
    assumeTrue(System.getProperty("user.name").equals("root") && Files.isExecutable(Path.of("/usr/bin/setpriv")),
        "needs root and setpriv to run a client as another user");
    List<List<String>> handled = new CopyOnWriteArrayList<>();
    try (LogCapture logs = new LogCapture("org.jheartbeat.api");
        ControlServer server = ControlServer.start(runDir, request -> {
          handled.add(request);
          return new ControlClient.Reply(List.of(new ControlClient.Line(false, "answered")), 0);
        })) {
      if (gidOf(ControlAccess.GROUP).isPresent()) {
        assertThat(Files.getAttribute(ControlSocket.in(runDir), "posix:group").toString()).isEqualTo(ControlAccess.GROUP);
      }
      Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwx--x--x"));
      Files.setPosixFilePermissions(ControlSocket.in(runDir), PosixFilePermissions.fromString("rw-rw-rw-"));

      assertThat(clientAs("65534", "65534")).isEqualTo("err\tpermission denied: user nobody is not root and not"
          + " in group haclient\nrc\t1\n");
      assertThat(clientAs("65534", "65534")).endsWith("rc\t1\n");
      assertThat(handled).isEmpty();
      assertThat(logs.lines()).hasSize(1).first().asString()
          .startsWith("WARN: control socket: refused a client running as user nobody");

      Optional<String> haclient = gidOf(ControlAccess.GROUP);
      if (haclient.isPresent()) {
        assertThat(clientAs("65534", haclient.get())).isEqualTo("out\tanswered\nrc\t0\n");
        assertThat(handled).containsExactly(List.of("cl_status", "hbstatus"));
      }
    }
  }

  /** Runs a minimal socket client (perl, which Debian always has) with the given uid and gid. */
  private String clientAs(String uid, String gid) throws Exception {
    Process p = new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups",
        "perl", "-MIO::Socket::UNIX", "-e",
        "my $s = IO::Socket::UNIX->new(Peer => $ARGV[0]) or die \"connect: $!\\n\";"
            + " print $s \"cl_status\\thbstatus\\n\"; print while <$s>;",
        ControlSocket.in(runDir).toString()).redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("client finished").isTrue();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static Optional<String> gidOf(String group) throws Exception {
    return Files.readAllLines(Path.of("/etc/group")).stream().map(l -> l.split(":"))
        .filter(f -> f.length >= 3 && f[0].equals(group)).map(f -> f[2]).findFirst();
  }
}
