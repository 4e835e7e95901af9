package org.jheartbeat.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jheartbeat.e2e.VipClient.Poll;

/**
 * Reads a failover out of the client's polls (which may overlap: {@link BenchPoller} starts one
 * every 10 ms whatever the earlier ones do). {@code served} is when the client got the first
 * answer of {@code newNode} from a poll started at or after the trigger (that poll's end: the
 * moment the client had the page again). {@code firstFailed} is the start of the earliest failed
 * poll that ended at or after the trigger (a poll in flight when the node went is part of the
 * outage) and started before {@code served}; none when no poll failed. The outage is the time
 * between the two, 0 without a failed poll.
 */
public record ClientTimeline(Instant trigger, Instant firstFailed, Instant served, int failedPolls) {
  /** The takeover seen in {@code polls}, or empty while {@code newNode} has not answered yet. */
  public static Optional<ClientTimeline> of(List<Poll> polls, Instant trigger, String newNode) {
    Optional<Instant> served = polls.stream()
        .filter(p -> !p.start().isBefore(trigger) && newNode.equals(p.answer()))
        .map(Poll::end).min(Comparator.naturalOrder());
    if (served.isEmpty()) {
      return Optional.empty();
    }
    List<Poll> failed = polls.stream()
        .filter(p -> !p.ok() && !p.end().isBefore(trigger) && p.start().isBefore(served.get())).toList();
    Instant first = failed.stream().map(Poll::start).min(Comparator.naturalOrder()).orElse(null);
    return Optional.of(new ClientTimeline(trigger, first, served.get(), failed.size()));
  }

  /** First failed poll to the new node's first answer, in ms; 0 when no poll failed. */
  public long outageMs() {
    return firstFailed == null ? 0 : Duration.between(firstFailed, served).toMillis();
  }

  /** From {@code detection} to the new node's first answer, in ms (negative if it answered first). */
  public long sinceMs(Instant detection) {
    return Duration.between(detection, served).toMillis();
  }
}
