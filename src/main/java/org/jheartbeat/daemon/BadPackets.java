package org.jheartbeat.daemon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.jheartbeat.wire.Message;
import org.jheartbeat.wire.VerifyResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts packets that fail to parse or authenticate and logs them in Heartbeat's words, at
 * most once per sender every {@value #QUIET_SECONDS} s (with the number held back), so that a
 * misconfigured peer sending every second cannot flood the log. {@code log_badpack false}
 * silences the lines but not the counter ({@code heartbeat_bad_packets_total}). Called from the media's receive threads.
 *
 * <p>The sender of a bad packet is whatever it claims, so a flood of forged sender names must not
 * grow memory or the log without bound: at most {@value #MAX_SENDERS} senders are tracked;
 * when that many are, those whose quiet period is over are forgotten (with their held-back
 * count), and if none is, every further new sender shares one quiet period.
 */
final class BadPackets {
  static final int QUIET_SECONDS = 10;
  static final int MAX_SENDERS = 256;
  private static final String MANY_SENDERS = "\0many senders";
  private static final Logger log = LoggerFactory.getLogger("heartbeat");

  private final boolean logThem;
  private final Counter count;
  private final Map<String, Long> lastLogged = new HashMap<>();
  private final Map<String, Long> heldBack = new HashMap<>();

  BadPackets(boolean logThem, MeterRegistry registry) {
    this.logThem = logThem;
    this.count = Counter.builder("heartbeat.bad.packets")
        .description("packets that failed to parse or authenticate").register(registry);
  }

  long count() {
    return (long) count.count();
  }

  synchronized void record(VerifyResult result, String medium, InetSocketAddress source, long nowNanos) {
    count.increment();
    if (!logThem) {
      return;
    }
    String sender = tracked(result.message().flatMap(m -> m.get("src")).orElse(String.valueOf(source)), nowNanos);
    Long last = lastLogged.get(sender);
    if (last != null && nowNanos - last < QUIET_SECONDS * 1_000_000_000L) {
      heldBack.merge(sender, 1L, Long::sum);
      return;
    }
    lastLogged.put(sender, nowNanos);
    long held = heldBack.getOrDefault(sender, 0L);
    heldBack.remove(sender);
    String suffix = held > 0 ? " (" + held + " more bad packets from it not logged)" : "";
    if (result.message().isEmpty()) {
      log.error("Bad packet from {} on {}: {}{}", source, medium, result.reason(), suffix);
      return;
    }
    Message m = result.message().get();
    log.error("{}{}", result.reason(), suffix);
    log.error("netstring authentication failed on {} from {}: t={} src={} seq={}", medium, source,
        m.type(), m.get("src").orElse("?"), m.get("seq").orElse("-"));
  }

  private String tracked(String sender, long nowNanos) {
    if (lastLogged.containsKey(sender) || lastLogged.size() < MAX_SENDERS) {
      return sender;
    }
    lastLogged.entrySet().removeIf(e -> nowNanos - e.getValue() >= QUIET_SECONDS * 1_000_000_000L);
    heldBack.keySet().retainAll(lastLogged.keySet());
    return lastLogged.size() < MAX_SENDERS ? sender : MANY_SENDERS;
  }
}
