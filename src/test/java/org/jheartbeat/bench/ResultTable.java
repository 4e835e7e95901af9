package org.jheartbeat.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The failover benchmark's one table (Markdown): one row per timing, scenario and figure
 * (client outage, detection to serving), min / median / max of each daemon's runs, and the ratio
 * of the medians jheartbeat / Heartbeat ("-" when a side has no runs or Heartbeat's median is 0).
 * Rows keep the order in which their first measurement was added.
 */
public final class ResultTable {
  private final Map<String, Map<Measurement.Daemon, List<Measurement>>> rows = new LinkedHashMap<>();

  public void add(Measurement m) {
    rows.computeIfAbsent(m.timing() + "\u0000" + m.scenario(), k -> new EnumMap<>(Measurement.Daemon.class))
        .computeIfAbsent(m.daemon(), d -> new ArrayList<>()).add(m);
  }

  /** The table, or a line saying there is nothing to show. */
  public String markdown() {
    if (rows.isEmpty()) {
      return "(no runs)\n";
    }
    StringBuilder b = new StringBuilder();
    b.append("| timing | scenario | figure (ms) | ").append(Measurement.Daemon.REAL.label())
        .append(" min / median / max | ").append(Measurement.Daemon.JHEARTBEAT.label())
        .append(" min / median / max | ratio of medians |\n");
    b.append("|---|---|---|---|---|---|\n");
    for (Map<Measurement.Daemon, List<Measurement>> byDaemon : rows.values()) {
      Measurement any = byDaemon.values().iterator().next().get(0);
      row(b, any, "client outage", byDaemon, true);
      row(b, any, "detection → serving", byDaemon, false);
    }
    return b.toString();
  }

  private static void row(StringBuilder b, Measurement any, String figure,
      Map<Measurement.Daemon, List<Measurement>> byDaemon, boolean outage) {
    Optional<Summary> real = summary(byDaemon.get(Measurement.Daemon.REAL), outage);
    Optional<Summary> ours = summary(byDaemon.get(Measurement.Daemon.JHEARTBEAT), outage);
    b.append("| ").append(any.timing()).append(" | ").append(any.scenario()).append(" | ").append(figure)
        .append(" | ").append(real.map(ResultTable::cell).orElse("-"))
        .append(" | ").append(ours.map(ResultTable::cell).orElse("-"))
        .append(" | ").append(ratio(real, ours)).append(" |\n");
  }

  private static String cell(Summary s) {
    return s.cell() + " (" + s.count() + ")";
  }

  private static Optional<Summary> summary(List<Measurement> runs, boolean outage) {
    if (runs == null || runs.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Summary.of(runs.stream().map(m -> outage ? m.outageMs() : m.takeoverMs()).toList()));
  }

  static String ratio(Optional<Summary> real, Optional<Summary> ours) {
    if (real.isEmpty() || ours.isEmpty() || real.get().median() == 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.2f", (double) ours.get().median() / real.get().median());
  }
}
