package org.jheartbeat.api;

import java.util.List;
import java.util.Optional;

/**
 * What the local tools may ask about: an immutable picture of the cluster taken on the event
 * loop, so that the control socket's threads never touch live state.
 *
 * @param nodes the node table in Heartbeat's order (the order of appearance in ha.cf)
 * @param resources {@code none}, {@code local}, {@code foreign}, {@code all} or
 *     {@code transition}, as {@code cl_status rscstatus} prints it
 * @param parameters what {@code hbparameter -p NAME} prints for each ha.cf directive
 */
public record ClusterView(
    String localNode,
    List<Node> nodes,
    String resources,
    java.util.function.Function<String, Optional<String>> parameters,
    String version) {

  public ClusterView {
    nodes = List.copyOf(nodes);
  }

  /** One node-table entry: a normal node or a ping node, with its links. */
  public record Node(String name, String type, String status, List<Link> links) {
    public Node {
      links = List.copyOf(links);
    }
  }

  /** A heartbeat link of a node: the medium name and {@code up} or {@code dead}. */
  public record Link(String name, String status) {}

  public Optional<Node> node(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    return nodes.stream().filter(n -> n.name().equals(lower)).findFirst();
  }
}
