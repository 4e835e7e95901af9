package org.jheartbeat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.jheartbeat.api.FakeDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cl_status's exit statuses and messages (spec membership §8.1), with and without a daemon. */
class ClStatusCommandTest {
  @TempDir Path runDir;

  private CliRun clStatus(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--run-dir";
    all[1] = runDir.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.of("cl_status", all);
  }

  @Test
  void unknownSubcommandIsParameterErrorEleven() {
    CliRun run = clStatus("bogus");
    assertThat(run.exitCode()).isEqualTo(11);
    assertThat(run.err()).matches("(?s)[A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d:\\d\\d \\S+ cl_status: \\[\\d+\\]: ERROR: bogus: invalid sub-command\\.\n");
  }

  @Test
  void missingNodeNameIsParameterErrorEleven() {
    assertThat(clStatus("nodestatus").exitCode()).isEqualTo(11);
    assertThat(clStatus("hblinkstatus", "alpha").exitCode()).isEqualTo(11);
    assertThat(clStatus("hbparameter").exitCode()).isEqualTo(11);
  }

  @Test
  void noSubcommandPrintsHeartbeatsUsageAndSucceeds() {
    CliRun run = clStatus();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: cl_status <sub-command> [<options>] [<parameters>]\n");
    assertThat(run.out()).contains("hbstatus", "listnodes", "nodestatus", "nodetype", "listhblinks",
        "hblinkstatus", "rscstatus", "hbparameter", "clientstatus", "nodeweight", "nodesite");
  }

  @Test
  void withoutDaemonQueriesCannotSignOn() {
    CliRun run = clStatus("nodestatus", "alpha");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("cl_status: [", "]: ERROR: Cannot signon with heartbeat\n",
        "ERROR: REASON: no jheartbeat daemon answers on " + runDir.resolve("jheartbeat.sock"));
  }

  @Test
  void withDaemonTheRequestIsForwardedAndItsAnswerPrinted() throws Exception {
    try (FakeDaemon daemon = FakeDaemon.answering(runDir, "out\tactive\nrc\t0\n")) {
      CliRun run = clStatus("nodestatus", "-m", "alpha");
      assertThat(run.out()).isEqualTo("active\n");
      assertThat(run.exitCode()).isZero();
      assertThat(daemon.requests()).containsExactly("cl_status\tnodestatus\t-m\talpha");
    }
  }

  @Test
  void theDaemonsExitStatusAndErrorLinesArePassedOn() throws Exception {
    try (FakeDaemon daemon = FakeDaemon.answering(runDir, "out\tdead\nerr\tnode is dead\nrc\t1\n")) {
      CliRun run = clStatus("hblinkstatus", "bravo", "eth1");
      assertThat(run.out()).isEqualTo("dead\n");
      assertThat(run.err()).isEqualTo("node is dead\n");
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(daemon.requests()).isEqualTo(List.of("cl_status\thblinkstatus\tbravo\teth1"));
    }
  }

  @Test
  void hbStandbyMapsFailbackToForeignAndHbTakeoverDoesNot() throws Exception {
    try (FakeDaemon daemon = FakeDaemon.answering(runDir, "rc\t0\n")) {
      assertThat(CliRun.of("hb_standby", "--run-dir", runDir.toString(), "failback").exitCode()).isZero();
      assertThat(CliRun.of("hb_takeover", "--run-dir", runDir.toString(), "failback").exitCode()).isZero();
      assertThat(CliRun.of("hb_standby", "--run-dir", runDir.toString()).exitCode()).isZero();
      assertThat(daemon.requests())
          .containsExactly("hb_standby\tforeign", "hb_takeover\tfailback", "hb_standby\tall");
    }
  }
}
