package org.jheartbeat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link VipClient}'s analysis of a client.log, checked against a golden trace's own figures. */
class VipClientTest {
  /** traces/real-heartbeat-3.0.6/03-graceful-stop-node1/run1/client.log around the STOP event. */
  private static final String TRACE_03_RUN1 = String.join("\n",
      "1795535108.685977 1795535108.695324 orasrv1.xlk.com",
      "1795535108.716617 1795535108.726284 orasrv1.xlk.com",
      "1795535108.747553 1795535108.758138 orasrv1.xlk.com",
      "1795535108.779320 1795535108.789999 orasrv1.xlk.com",
      "1795535108.811077 1795535108.819707 ERR:7",
      "1795535108.841061 1795535108.850062 ERR:7",
      "1795535108.871302 1795535108.880602 ERR:7",
      "1795535108.901768 1795535109.010847 ERR:28",
      "1795535109.032104 1795535109.141798 ERR:28",
      "1795535109.162881 1795535109.172577 ERR:7",
      "1795535109.193745 1795535109.202390 ERR:7",
      "1795535109.223519 1795535109.236676 orasrv2.xlk.com",
      "1795535109.258000 1795535109.267951 orasrv2.xlk.com",
      "1795535109.289260 1795535109.299207 orasrv2.xlk.com",
      "");
  private static final Instant STOP_EVENT = Instant.ofEpochSecond(1795535108L, 734_885_000);

  @TempDir
  Path dir;

  private VipClient client(String log) throws IOException {
    return VipClient.analyse(Files.writeString(dir.resolve("client.log"), log));
  }

  @Test
  void outageOfTheGracefulStopTraceMatchesItsResultsEnv() throws IOException {
    VipClient c = client(TRACE_03_RUN1);
    VipClient.Outage o = c.outage(STOP_EVENT, Instant.ofEpochSecond(1795535110L));
    // results.env of that run: outage_ms=434 failed_polls=7 recovered_from_event_ms=489 flips_after_switch=0
    assertThat(o.outageMs()).isEqualTo(434);
    assertThat(o.badPolls()).isEqualTo(7);
    assertThat(o.longestRun()).isEqualTo(7);
    assertThat(o.firstServedMs()).isEqualTo(489);
    assertThat(o.before()).isEqualTo("orasrv1.xlk.com");
    assertThat(o.after()).isEqualTo("orasrv2.xlk.com");
    assertThat(o.recovered()).isTrue();
    assertThat(o.moved()).isTrue();
    assertThat(o.flips()).isZero();
    assertThat(c.polls()).hasSize(14);
    assertThat(c.lastAnswer()).contains("orasrv2.xlk.com");
  }

  @Test
  void answersOfTheOldNodeAfterTheNewOneAreBadAndCountAsFlips() throws IOException {
    VipClient c = client(String.join("\n",
        "100.000 100.010 a", "100.020 100.030 -", "100.040 100.050 b", "100.060 100.070 a",
        "100.080 100.090 a", "100.100 100.110 b", "100.120 100.130 b", ""));
    VipClient.Outage o = c.outage(Instant.ofEpochSecond(100, 15_000_000), Instant.ofEpochSecond(101));
    assertThat(o.before()).isEqualTo("a");
    assertThat(o.after()).isEqualTo("b");
    assertThat(o.badPolls()).isEqualTo(3);
    assertThat(o.longestRun()).isEqualTo(2);
    assertThat(o.outageMs()).isEqualTo(50); // end of b at 100.050 to start of b at 100.100
    assertThat(o.flips()).isEqualTo(2);
    assertThat(o.firstServedMs()).isEqualTo(25);
  }

  @Test
  void nothingMovesAndNoFailureMeansNoOutage() throws IOException {
    VipClient c = client("100.000 100.010 a\n100.020 100.030 a\n100.040 100.050 a\n");
    VipClient.Outage o = c.outage(Instant.ofEpochSecond(100, 15_000_000), Instant.ofEpochSecond(101));
    assertThat(o.outageMs()).isZero();
    assertThat(o.badPolls()).isZero();
    assertThat(o.moved()).isFalse();
    assertThat(o.firstServedMs()).isEqualTo(-1);
  }

  @Test
  void anOutageLastingToTheEndOfTheWindowIsNotRecovered() throws IOException {
    VipClient c = client("100.000 100.010 a\n100.020 100.120 -\n100.140 100.240 -\n100.2");
    VipClient.Outage o = c.outage(Instant.ofEpochSecond(100, 15_000_000), Instant.ofEpochSecond(100, 500_000_000));
    assertThat(o.recovered()).isFalse();
    assertThat(o.outageMs()).isEqualTo(490);
    assertThat(o.after()).isNull();
    assertThat(c.polls()).as("a partly written last line is not read yet").hasSize(3);
  }
}
