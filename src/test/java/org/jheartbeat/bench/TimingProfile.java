package org.jheartbeat.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The ha.cf timing of a benchmark run, written the same way for both daemons. {@code tutorial}
 * is the tutorial's ha.cf (keepalive 2, deadtime 15, warntime 10, initdead 60); {@code fast} is
 * keepalive 100 ms, deadtime 500 ms, with {@code deadping 1} because below about one second the
 * real daemon declares the ping node dead at start-up (NAMESPACE-NOTES "Things that bite").
 */
public record TimingProfile(String name, String keepalive, String deadtime, String warntime, String initdead,
    String extra, Duration keepaliveDuration, Duration deadtimeDuration) {
  public static final TimingProfile TUTORIAL = new TimingProfile("tutorial", "2", "15", "10", "60", "",
      Duration.ofSeconds(2), Duration.ofSeconds(15));
  public static final TimingProfile FAST = new TimingProfile("fast", "100ms", "500ms", "300ms", "2", "deadping 1\n",
      Duration.ofMillis(100), Duration.ofMillis(500));

  /** {@code tutorial}, {@code fast} or {@code both}; a clear error for anything else. */
  public static List<TimingProfile> parse(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "tutorial" -> List.of(TUTORIAL);
      case "fast" -> List.of(FAST);
      case "both" -> List.of(TUTORIAL, FAST);
      default -> throw new IllegalArgumentException("--timing must be tutorial, fast or both: " + value);
    };
  }

  /** The label of the table's timing column. */
  public String label() {
    return name + " (" + keepalive + "/" + deadtime + ")";
  }

  /** The ha.cf lines that set the timing. */
  public String haCfLines() {
    return "keepalive " + keepalive + "\n"
        + "deadtime " + deadtime + "\n"
        + "warntime " + warntime + "\n"
        + "initdead " + initdead + "\n"
        + extra;
  }
}
