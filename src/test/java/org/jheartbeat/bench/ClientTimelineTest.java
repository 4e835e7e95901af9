package org.jheartbeat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jheartbeat.e2e.VipClient.Poll;
import org.junit.jupiter.api.Test;

class ClientTimelineTest {
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  private static Poll poll(long startMs, long endMs, String answer) {
    return new Poll(T0.plusMillis(startMs), T0.plusMillis(endMs), answer);
  }

  @Test
  void outageRunsFromTheFirstFailedPollToTheNewNodesFirstAnswerWithOverlappingPolls() {
    List<Poll> polls = new ArrayList<>(List.of(
        poll(0, 2, "n1"),
        poll(10, 12, "n1"),
        poll(20, 120, "-"),     // in flight when the trigger comes at 25: part of the outage
        poll(30, 130, "-"),
        poll(40, 140, "-"),
        poll(150, 152, "n2"),
        poll(140, 151, "n2")));  // started earlier, answered first: that answer is the moment served
    ClientTimeline t = ClientTimeline.of(polls, T0.plusMillis(25), "n2").orElseThrow();

    assertThat(t.firstFailed()).isEqualTo(T0.plusMillis(20));
    assertThat(t.served()).isEqualTo(T0.plusMillis(151));
    assertThat(t.outageMs()).isEqualTo(131);
    assertThat(t.failedPolls()).isEqualTo(3);
    assertThat(t.sinceMs(T0.plusMillis(100))).isEqualTo(51);
  }

  @Test
  void failuresBeforeTheTriggerOrAfterServingAreNotTheOutage() {
    List<Poll> polls = List.of(
        poll(0, 100, "-"),      // a starved poll that ended before the trigger
        poll(200, 201, "n1"),
        poll(300, 302, "n2"),
        poll(310, 410, "-"));   // after the new node answered
    ClientTimeline t = ClientTimeline.of(polls, T0.plusMillis(250), "n2").orElseThrow();

    assertThat(t.firstFailed()).isNull();
    assertThat(t.outageMs()).isZero();
    assertThat(t.failedPolls()).isZero();
  }

  @Test
  void nothingYetWhileTheNewNodeHasNotAnsweredAfterTheTrigger() {
    List<Poll> polls = List.of(poll(0, 1, "n2"), poll(100, 200, "-"), poll(210, 211, "n1"));
    assertThat(ClientTimeline.of(polls, T0.plusMillis(50), "n2")).isEmpty();
  }
}
