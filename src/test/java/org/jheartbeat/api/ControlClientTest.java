package org.jheartbeat.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlClientTest {
  @TempDir Path runDir;

  private ControlClient client(Duration timeout) {
    return new ControlClient(ControlSocket.in(runDir), timeout);
  }

  @Test
  void nothingListeningIsNotRunning() {
    ControlClient.Outcome outcome = client(Duration.ofSeconds(1)).request("cl_status", List.of("hbstatus"));
    assertThat(outcome.failure()).contains(ControlClient.Failure.NOT_RUNNING);
    assertThat(outcome.reply()).isEmpty();
  }

  @Test
  void aDaemonThatNeverAnswersIsATimeout() throws Exception {
    try (FakeDaemon daemon = FakeDaemon.answering(runDir, null)) {
      ControlClient.Outcome outcome = client(Duration.ofMillis(200)).request("cl_status", List.of("rscstatus"));
      assertThat(outcome.failure()).contains(ControlClient.Failure.TIMEOUT);
    }
  }

  @Test
  void anAnswerWithoutExitStatusIsAProtocolError() throws Exception {
    try (FakeDaemon daemon = FakeDaemon.answering(runDir, "out\tactive\n")) {
      ControlClient.Outcome outcome = client(Duration.ofSeconds(5)).request("cl_status", List.of("rscstatus"));
      assertThat(outcome.failure()).contains(ControlClient.Failure.PROTOCOL);
    }
  }

  @Test
  void anUnknownLineKindIsAProtocolError() throws Exception {
    try (FakeDaemon daemon = FakeDaemon.answering(runDir, "bogus\tx\nrc\t0\n")) {
      assertThat(client(Duration.ofSeconds(5)).request("cl_status", List.of()).failure())
          .contains(ControlClient.Failure.PROTOCOL);
    }
  }

  @Test
  void aReplyCarriesLinesAndExitStatus() throws Exception {
    try (FakeDaemon daemon = FakeDaemon.answering(runDir, "out\tlocal\nerr\twarn\nrc\t0\n")) {
      ControlClient.Reply reply = client(Duration.ofSeconds(5)).request("cl_status", List.of("rscstatus")).reply().orElseThrow();
      assertThat(reply.lines()).containsExactly(
          new ControlClient.Line(false, "local"), new ControlClient.Line(true, "warn"));
      assertThat(reply.exitCode()).isZero();
    }
  }
}
