package org.jheartbeat.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jheartbeat.config.ConfigReport;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.testkit.AlphaBravoConfig;
import org.jheartbeat.testkit.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ha.cf's {@code realtime} and {@code rtprio} as the daemon's threads apply them: off leaves a
 * thread at normal priority and says nothing; on raises each thread to SCHED_RR at the
 * configured priority (root) or warns that it cannot (not root), in one line for all threads.
 */
class RealtimePolicyTest {
  private static final int SCHED_OTHER = 0;
  private static final int SCHED_RR = 2;

  @RegisterExtension
  final LogCapture logs = LogCapture.perTest(RealtimePolicy.class.getName());

  @TempDir
  Path dir;

  /** The scheduling policy and realtime priority of a thread that ran {@code start}, then exited. */
  private record Scheduling(int policy, int priority) {}

  private HaCf haCf(String extra) throws Exception {
    ConfigReport report = AlphaBravoConfig.load(dir.resolve("etc"), extra);
    assertThat(report.errors()).isEmpty();
    return report.config().orElseThrow().haCf();
  }


  /** Fields 41 (policy) and 40 (rt_priority) of /proc/thread-self/stat. */
  private static Scheduling ownScheduling() throws Exception {
    String stat = Files.readString(Path.of("/proc/thread-self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    return new Scheduling(Integer.parseInt(f[41 - 3]), Integer.parseInt(f[40 - 3]));
  }

  private static Scheduling onNewThread(Runnable start) throws Exception {
    CompletableFuture<Scheduling> seen = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        start.run();
        seen.complete(ownScheduling());
      } catch (Exception e) {
        seen.completeExceptionally(e);
      }
    }, "realtime-policy-test");
    t.start();
    return seen.get(30, TimeUnit.SECONDS);
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  @Test
  void realtimeOffLeavesTheThreadAtNormalPriorityAndSaysNothing() throws Exception {
    RealtimePolicy policy = new RealtimePolicy(haCf("realtime off\nrtprio 7\n"));
    assertThat(onNewThread(policy.threadStart()).policy()).isEqualTo(SCHED_OTHER);
    assertThat(logs.lines()).isEmpty();
  }

  @Test
  void everyThreadIsRaisedToTheConfiguredPriorityAndOneLineSaysSo() throws Exception {
    RealtimePolicy policy = new RealtimePolicy(haCf("rtprio 7\n"));
    List<Scheduling> seen = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      seen.add(onNewThread(policy.threadStart()));
    }
    assertThat(logs.lines()).hasSize(1);
    if (root()) {
      assertThat(seen).containsOnly(new Scheduling(SCHED_RR, 7));
      assertThat(logs.lines().get(0)).contains("SCHED_RR priority 7");
    } else {
      assertThat(seen).extracting(Scheduling::policy).containsOnly(SCHED_OTHER);
      assertThat(logs.lines().get(0)).contains("Realtime scheduling not available, running at normal priority");
    }
  }

  @Test
  void withoutRtprioThePriorityIsHeartbeatsOne() throws Exception {
    RealtimePolicy policy = new RealtimePolicy(haCf(""));
    Scheduling s = onNewThread(policy.threadStart());
    if (root()) {
      assertThat(s).isEqualTo(new Scheduling(SCHED_RR, 1));
      assertThat(logs.lines()).singleElement().asString().contains("SCHED_RR priority 1 ");
    } else {
      assertThat(s.policy()).isEqualTo(SCHED_OTHER);
    }
  }
}
