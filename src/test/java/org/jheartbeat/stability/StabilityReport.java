package org.jheartbeat.stability;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What one fast-detection stability run saw, per node, and its text form (the same in
 * {@code bench/stability} and {@code StabilityIT}). Maxima are the daemon's own, since its start
 * (the CPU hog was already running then); counters and CPU cover the measured window only.
 *
 * @param falseDeaths "node X: is dead" lines (a CRIT "Late heartbeat ... (> deadtime)" also writes one)
 * @param statusChanges "Status update for node" lines within the window (none expected)
 * @param lateHeartbeats "Late heartbeat" warnings (interval above warntime) within the window
 * @param lateTicks "Late tick" warnings (the loop itself ran late) within the window
 * @param maxGapMs the largest interval between two heartbeats of the peer (metric)
 * @param maxLoopLatenessMs the largest lateness of an event-loop task (metric)
 * @param heartbeatsReceived status heartbeats received from the peer within the window
 * @param heartbeatsExpected window length / keepalive
 * @param packetsLost gaps in the peer's sequence numbers within the window
 * @param probeMaxMs the largest overrun of the benchmark's {@link StallProbe} (the machine's own stalls)
 * @param probeStalls how many of its sleeps overran by more than 100 ms
 */
record StabilityReport(Duration window, String setup, String jvmFlags, List<Node> nodes, double probeMaxMs,
    long probeStalls) {
  record Node(String name, String peer, long falseDeaths, long statusChanges, long lateHeartbeats, long lateTicks,
      double maxGapMs, double maxLoopLatenessMs, long heartbeatsReceived, long heartbeatsExpected, long packetsLost,
      double cpuPercent, double rssMib, double hwmMib) {}

  long falseDeaths() {
    return nodes.stream().mapToLong(n -> n.falseDeaths() + n.statusChanges()).sum();
  }

  String format() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "jheartbeat fast-detection stability: %s, measured %.1f min%n",
        setup, window.toMillis() / 60_000.0));
    b.append("JVM flags: ").append(jvmFlags.isBlank() ? "(JVM defaults)" : jvmFlags).append('\n');
    b.append(String.format(Locale.ROOT, "%-5s %-5s %6s %7s %7s %6s %9s %10s %14s %6s %6s %7s %7s%n",
        "node", "peer", "deaths", "status", "late-hb", "late-t", "maxgap-ms", "looplat-ms", "hb recv/expect",
        "lost", "cpu%", "rss-MiB", "hwm-MiB"));
    for (Node n : nodes) {
      b.append(String.format(Locale.ROOT, "%-5s %-5s %6d %7d %7d %6d %9.1f %10.1f %7d/%-6d %6d %6.1f %7.1f %7.1f%n",
          n.name(), n.peer(), n.falseDeaths(), n.statusChanges(), n.lateHeartbeats(), n.lateTicks(), n.maxGapMs(),
          n.maxLoopLatenessMs(), n.heartbeatsReceived(), n.heartbeatsExpected(), n.packetsLost(), n.cpuPercent(),
          n.rssMib(), n.hwmMib()));
    }
    b.append(String.format(Locale.ROOT,
        "machine reference: a %d ms sleep of the benchmark's own thread overran by up to %.1f ms (%d times > 100 ms)%n",
        StallProbe.PERIOD_MS, probeMaxMs, probeStalls));
    if (falseDeaths() == 0) {
      b.append("RESULT: no false death, no status change\n");
    } else {
      b.append("WARNING: ").append(falseDeaths())
          .append(" FALSE DEATH(S) OR STATUS CHANGE(S) at keepalive 50 ms / deadtime 250 ms (see the daemons' logs)\n");
    }
    return b.toString();
  }
}
