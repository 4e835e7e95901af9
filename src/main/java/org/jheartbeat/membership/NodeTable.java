package org.jheartbeat.membership;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.config.MediumSpec;
import org.jheartbeat.config.PingNode;

/**
 * The node table (spec membership §1.1, §1.3): every {@code node} of ha.cf in order, then every
 * {@code ping}/{@code ping_group} entry. Each entry carries its status (initially {@code init}),
 * its UUID once learned, its dead time (its advertised {@code dt}, the local deadtime until then;
 * deadping for ping nodes), the monotonic time of its last status message, and one link per
 * medium (named by {@link MediumSpec#linkName()}; a ping node has one link named after itself),
 * initially {@code dead}. Mutable, owned by the event loop; no locks.
 */
public final class NodeTable {
  /** Normal cluster node or ping node. */
  public enum Kind {
    NORMAL,
    PING
  }

  /** One link of a node. */
  public static final class Link {
    private final String name;
    LinkStatus status = LinkStatus.DEAD;
    long lastHeardNanos;

    Link(String name) {
      this.name = name;
    }

    public String name() {
      return name;
    }

    public LinkStatus status() {
      return status;
    }
  }

  /** One entry of the table. */
  public static final class Node {
    private final String name;
    private final Kind kind;
    NodeStatus status = NodeStatus.INIT;
    byte[] uuid;
    long deadTimeMs;
    /** Monotonic time of the last status (or the reference time for the timeout check). */
    long lastStatusNanos;
    boolean heardStatus;
    /** Any authenticated packet ever arrived from it (comm-up rule). */
    boolean heard;
    long lastStatusSeq;
    long lastStatusTs;
    final Map<String, Link> links = new LinkedHashMap<>();

    Node(String name, Kind kind, long deadTimeMs, List<String> linkNames) {
      this.name = name;
      this.kind = kind;
      this.deadTimeMs = deadTimeMs;
      for (String l : linkNames) {
        links.put(l, new Link(l));
      }
    }

    public String name() {
      return name;
    }

    public Kind kind() {
      return kind;
    }

    public boolean isPing() {
      return kind == Kind.PING;
    }

    public NodeStatus status() {
      return status;
    }

    public Optional<byte[]> uuid() {
      return Optional.ofNullable(uuid).map(byte[]::clone);
    }

    public long deadTimeMs() {
      return deadTimeMs;
    }

    public Map<String, Link> links() {
      return Collections.unmodifiableMap(links);
    }
  }

  private final List<Node> nodes = new ArrayList<>();
  private final List<String> mediumLinks;
  private final long deadtimeMs;
  private List<String> deletedNodes = List.of();

  public NodeTable(HaCf cf) {
    this.deadtimeMs = cf.timing().deadtimeMs();
    this.mediumLinks = cf.media().stream().map(MediumSpec::linkName).distinct().toList();
    for (String n : cf.nodes()) {
      addNormal(n);
    }
    for (PingNode p : cf.pingNodes()) {
      String name = p.name().toLowerCase(Locale.ROOT);
      nodes.add(new Node(name, Kind.PING, cf.timing().deadpingMs(), List.of(name)));
    }
  }

  /** Adds a normal node (status init, local deadtime) unless present; returns the entry. */
  public Node addNormal(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return find(lower).orElseGet(() -> {
      Node n = new Node(lower, Kind.NORMAL, deadtimeMs, mediumLinks);
      // normal nodes precede ping nodes, as Heartbeat's table builds them
      int at = 0;
      while (at < nodes.size() && nodes.get(at).kind() == Kind.NORMAL) {
        at++;
      }
      nodes.add(at, n);
      return n;
    });
  }

  public void remove(String name) {
    nodes.removeIf(n -> n.name().equals(name));
  }

  public List<Node> nodes() {
    return Collections.unmodifiableList(nodes);
  }

  public List<Node> normalNodes() {
    return nodes.stream().filter(n -> n.kind() == Kind.NORMAL).toList();
  }

  public Optional<Node> find(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  public Optional<Node> findByUuid(byte[] uuid) {
    return nodes.stream().filter(n -> n.uuid != null && Arrays.equals(n.uuid, uuid)).findFirst();
  }

  /** Table size including ping nodes (the {@code ttl} rule, spec wire §3.2). */
  public int size() {
    return nodes.size();
  }

  /** The last entry, whose dead time governs every link check (spec membership §1.3 quirk). */
  public Node last() {
    return nodes.get(nodes.size() - 1);
  }

  public List<String> mediumLinks() {
    return mediumLinks;
  }

  public List<String> deletedNodes() {
    return deletedNodes;
  }

  void setDeletedNodes(List<String> deleted) {
    deletedNodes = List.copyOf(deleted);
  }
}
