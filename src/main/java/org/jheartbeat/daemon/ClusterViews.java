package org.jheartbeat.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jheartbeat.api.ClusterView;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.config.LineValues;
import org.jheartbeat.config.Setting;
import org.jheartbeat.membership.LinkStatus;
import org.jheartbeat.membership.MembershipSnapshot;

/**
 * Turns a membership snapshot into what {@code cl_status} shows, with the node table in
 * Heartbeat's order: the order in which node, ping and ping_group lines appear in ha.cf.
 */
final class ClusterViews {
  private ClusterViews() {}

  static ClusterView of(MembershipSnapshot snapshot, HaCf haCf, String resources, String version) {
    List<ClusterView.Node> nodes = new ArrayList<>();
    for (String name : tableOrder(haCf)) {
      snapshot.nodes().stream().filter(n -> n.name().equals(name)).findFirst().ifPresent(n -> {
        List<ClusterView.Link> links = new ArrayList<>();
        for (Map.Entry<String, LinkStatus> l : n.links().entrySet()) {
          links.add(new ClusterView.Link(l.getKey(), l.getValue().text()));
        }
        nodes.add(new ClusterView.Node(n.name(), n.ping() ? "ping" : "normal",
            name.equals(snapshot.localNode()) ? snapshot.localStatus().text() : n.status().text(), links));
      });
    }
    return new ClusterView(snapshot.localNode(), nodes, resources, haCf::parameter, version);
  }

  private static List<String> tableOrder(HaCf haCf) {
    List<String> order = new ArrayList<>();
    for (Setting s : haCf.settings()) {
      switch (s.name()) {
        case "node" -> order.add((String) s.value());
        case "ping" -> order.add((String) s.value());
        case "ping_group" -> order.add(((LineValues.PingGroup) s.value()).name());
        default -> { }
      }
    }
    return order.stream().distinct().toList();
  }
}
