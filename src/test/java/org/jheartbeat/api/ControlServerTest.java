package org.jheartbeat.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
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
}
