package org.jheartbeat.bench;

/**
 * One failover run's two figures, in milliseconds: {@code outageMs}, the client's outage (first
 * failed poll to the first answer of the new node), and {@code takeoverMs}, from detection (the
 * survivor's "is dead" log line for a crash; for a graceful stop or hb_standby the handover's first
 * line on the node giving up: "Heartbeat shutdown in progress", "X wants to go standby") to that
 * answer. {@code timing} and {@code scenario} name the row, {@code daemon} the column.
 */
public record Measurement(String timing, String scenario, Daemon daemon, int run, long outageMs, long takeoverMs) {
  /** The two daemons compared. */
  public enum Daemon {
    REAL("Heartbeat 3.0.6"),
    JHEARTBEAT("jheartbeat");

    private final String label;

    Daemon(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** One line of the raw results file. */
  public String csv() {
    return String.join(",", timing, scenario, daemon.name(), Integer.toString(run), Long.toString(outageMs),
        Long.toString(takeoverMs));
  }

  /** The header of {@link #csv()} lines. */
  public static String csvHeader() {
    return "timing,scenario,daemon,run,outage_ms,takeover_ms";
  }

  /** Parses a {@link #csv()} line; a clear error for anything else. */
  public static Measurement parse(String line) {
    String[] f = line.strip().split(",");
    if (f.length != 6) {
      throw new IllegalArgumentException("expected 6 comma-separated fields (" + csvHeader() + "): " + line);
    }
    try {
      return new Measurement(f[0], f[1], Daemon.valueOf(f[2]), Integer.parseInt(f[3]), Long.parseLong(f[4]),
          Long.parseLong(f[5]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad measurement line: " + line + " (" + e.getMessage() + ")", e);
    }
  }
}
