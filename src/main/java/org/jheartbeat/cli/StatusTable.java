package org.jheartbeat.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jheartbeat.api.ClusterView;
import org.jheartbeat.api.StatusReport;

/** {@code jheartbeat status} for people: the nodes with their links, the groups, the monitored resources. */
final class StatusTable {
  private StatusTable() {}

  static String render(StatusReport r) {
    StringBuilder b = new StringBuilder("\n");
    List<List<String>> nodes = new ArrayList<>();
    nodes.add(List.of("Node", "Type", "Status", "Links"));
    for (ClusterView.Node n : r.nodes()) {
      nodes.add(List.of(n.name() + (n.name().equals(r.node()) ? " (this node)" : ""), n.type(), n.status(),
          n.links().stream().map(l -> l.name() + " " + l.status()).collect(Collectors.joining(", "))));
    }
    table(b, nodes);
    StatusReport.Resources res = r.resources();
    b.append("\nResources: auto_failback ").append(res.autoFailback())
        .append(", this node holds: ").append(res.rscstatus()).append('\n');
    if (res.groups().isEmpty()) {
      b.append("(no resource groups in haresources)\n");
      fencing(b, r.fencing());
      return b.toString();
    }
    List<List<String>> groups = new ArrayList<>();
    groups.add(List.of("Group", "Preferred", "State", "Owner", "Since", "Reason"));
    for (StatusReport.Group g : res.groups()) {
      groups.add(List.of(g.key(), g.preferredNode(), g.state(), g.owner().isEmpty() ? "-" : g.owner(),
          g.since().isEmpty() ? "-" : g.since(), g.reason().isEmpty() ? "-" : g.reason()));
    }
    table(b, groups);
    if (!res.monitors().isEmpty()) {
      List<List<String>> monitors = new ArrayList<>();
      monitors.add(List.of("Monitored resource", "Group", "Monitor", "Fails", "On-fail", "Last failure"));
      for (StatusReport.Monitor m : res.monitors()) {
        monitors.add(List.of(m.resource(), m.group(), m.state(), m.failCount() + "/" + m.threshold(), m.onFail(),
            m.lastFailure().isEmpty() ? "-" : m.lastFailure() + " " + m.lastFailureText()));
      }
      b.append('\n');
      table(b, monitors);
    }
    fencing(b, r.fencing());
    return b.toString();
  }

  private static void fencing(StringBuilder b, StatusReport.Fencing f) {
    if (!f.quorum().isEmpty()) {
      b.append("\nSplit brain: ").append(f.quorum()).append('\n');
    }
    if (f.peers().isEmpty()) {
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Fenced node", "STONITH", "Failures", "Since"));
    for (StatusReport.Fence p : f.peers()) {
      rows.add(List.of(p.node(), p.phase(), Integer.toString(p.failures()), p.since()));
    }
    b.append('\n');
    table(b, rows);
  }

  private static void table(StringBuilder b, List<List<String>> rows) {
    int[] width = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(row.get(i));
        if (i < row.size() - 1) {
          line.append(" ".repeat(width[i] - row.get(i).length() + 2));
        }
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
