package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jheartbeat.testkit.LogCapture;
import org.jheartbeat.testkit.ManualClock;
import org.jheartbeat.testkit.ManualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A run that never ends is cut off 5 s after its limit; one that ends leaves no timer behind. */
class BoundedAgentTest {
  private final ManualScheduler scheduler = new ManualScheduler(new ManualClock());
  private final AgentTimeouts timeouts =
      new AgentTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(3));
  private final CompletableFuture<AgentResult> answer = new CompletableFuture<>();
  private final ResourceAgent hanging = new ResourceAgent() {
    @Override
    public String name() {
      return "Dummy::r1";
    }

    @Override
    public CompletableFuture<AgentResult> run(AgentOperation operation) {
      return answer;
    }
  };
  @RegisterExtension
  final LogCapture logs = LogCapture.perTest("org.jheartbeat.resources");

  @Test
  void aRunThatNeverEndsTimesOutFiveSecondsAfterItsLimit() {
    CompletableFuture<AgentResult> r = new BoundedAgent(hanging, timeouts, scheduler).run(AgentOperation.STOP);
    scheduler.advance(Duration.ofMillis(24_999));
    assertThat(r).isNotDone();
    scheduler.advance(Duration.ofMillis(1));
    assertThat(r).isCompletedWithValue(AgentResult.TIMED_OUT);
    assertThat(logs.lines()).containsExactly(
        "ERROR: Resource Dummy::r1: stop did not end 5000 ms after its limit of 20000 ms; counted as timed out");
    answer.complete(AgentResult.SUCCESS); // the late answer changes nothing
    assertThat(r).isCompletedWithValue(AgentResult.TIMED_OUT);
  }

  @Test
  void anAnswerInTimeIsPassedOnAndCancelsTheGuard() {
    CompletableFuture<AgentResult> r = new BoundedAgent(hanging, timeouts, scheduler).run(AgentOperation.START);
    scheduler.advance(Duration.ofSeconds(9));
    answer.complete(AgentResult.FAILED);
    assertThat(r).isCompletedWithValue(AgentResult.FAILED);
    assertThat(scheduler.pending()).isZero();
    scheduler.advance(Duration.ofMinutes(1));
    assertThat(logs.lines()).isEmpty();
  }
}
