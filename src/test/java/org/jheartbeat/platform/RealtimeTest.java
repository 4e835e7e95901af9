package org.jheartbeat.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The calling thread goes to SCHED_RR, what it starts stays at normal priority (reset on fork),
 * and a refusal is reported instead of thrown. Raising needs root (CI runs as root).
 */
class RealtimeTest {
  private static final int SCHED_OTHER = 0;
  private static final int SCHED_RR = 2;

  /** Field 41 of a /proc stat line: the scheduling policy. */
  private static int policy(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    return Integer.parseInt(f[41 - 3]);
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  @Test
  void aPriorityOutsideOneToNinetyNineIsRefusedWithTheReason() {
    assertThat(Realtime.raiseCurrentThread(0)).contains("priority must be 1..99: 0");
    assertThat(Realtime.raiseCurrentThread(100)).isPresent();
  }

  @Test
  void theThreadRunsRoundRobinWhileTheProcessesItStartsRunAtNormalPriority() throws Exception {
    assumeTrue(root(), "sched_setscheduler needs root");
    CompletableFuture<int[]> seen = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        Optional<String> failure = Realtime.raiseCurrentThread(1);
        int self = policy(Files.readString(Path.of("/proc/thread-self/stat")));
        Process child = new ProcessBuilder("cat", "/proc/self/stat").start();
        String childStat = new String(child.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        child.waitFor(10, TimeUnit.SECONDS);
        seen.complete(new int[] {failure.isEmpty() ? 1 : 0, self, policy(childStat)});
      } catch (Exception e) {
        seen.completeExceptionally(e);
      }
    }, "realtime-test");
    t.start();
    int[] r = seen.get(30, TimeUnit.SECONDS);
    assertThat(r[0]).as("raised without error").isEqualTo(1);
    assertThat(r[1]).as("the thread's policy").isEqualTo(SCHED_RR);
    assertThat(r[2]).as("its child's policy").isEqualTo(SCHED_OTHER);
    assertThat(policy(Files.readString(Path.of("/proc/thread-self/stat")))).as("other threads untouched")
        .isEqualTo(SCHED_OTHER);
  }

  @Test
  void withoutThePrivilegeTheThreadStaysAndTheReasonIsReturned() {
    assumeTrue(!root(), "as root the call succeeds");
    assertThat(Realtime.raiseCurrentThread(1)).hasValueSatisfying(reason -> assertThat(reason).contains("not permitted"));
  }
}
