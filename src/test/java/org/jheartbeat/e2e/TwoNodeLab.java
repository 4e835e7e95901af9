package org.jheartbeat.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jheartbeat.testkit.Netns;

/**
 * The tutorial's two-node network in namespaces (NAMESPACE-NOTES "Topology that works"): a switch
 * namespace {@code <prefix>sw} with bridges {@code br-pub} (192.168.21.0/24) and {@code br-hb}
 * (192.168.144.0/24); node namespaces {@code <prefix>n1}, {@code <prefix>n2} with {@code eth0}
 * (public, .11/.12) and {@code eth1} (heartbeat, .128/.129 as in the golden traces), each added
 * with {@code brd +} and a fixed MAC ({@code 02:00} + the address in hex); optionally a ping node
 * {@code <prefix>ping} answering ICMP at 192.168.21.254 and a client {@code <prefix>cl} at .50.
 * IPv6 is off in every namespace so captures stay clean.
 *
 * <p>Faults act in the switch namespace only: {@link #cutLinks} takes a node's switch ports down
 * (partition / power-off of the network), and the nftables methods add rules to one
 * {@code bridge} family table {@value #NFT_TABLE} whose forward chain drops UDP frames to the
 * heartbeat port by switch port ({@code numgen random mod 100 < P} for a percentage), with
 * counters that {@link #dropCounters()} reads. The kernel here has no {@code sch_netem}, so
 * {@code tc} loss is not an option. Nothing is created in the root namespace; {@link #close()}
 * deletes every namespace (and kills what runs in them) and is idempotent.
 */
public final class TwoNodeLab implements AutoCloseable {
  /** The default namespace prefix of the end-to-end tests (distinct from other tests' prefixes). */
  public static final String DEFAULT_PREFIX = "jhb-e2e-";
  /** The nftables table (bridge family, in the switch namespace) holding the fault rules. */
  public static final String NFT_TABLE = "jhb_faults";
  private static final String NFT_CHAIN = "drops";
  private static final Duration NFT_TIMEOUT = Duration.ofSeconds(10);

  /** A node position in the lab, with its fixed addresses. */
  public enum Slot {
    N1("n1", "192.168.21.11", "192.168.144.128"),
    N2("n2", "192.168.21.12", "192.168.144.129");

    private final String id;
    private final String publicIp;
    private final String heartbeatIp;

    Slot(String id, String publicIp, String heartbeatIp) {
      this.id = id;
      this.publicIp = publicIp;
      this.heartbeatIp = heartbeatIp;
    }

    /** {@code n1} or {@code n2}: the namespace suffix. */
    public String id() {
      return id;
    }

    public String publicIp() {
      return publicIp;
    }

    public String heartbeatIp() {
      return heartbeatIp;
    }

    /** The other node. */
    public Slot peer() {
      return this == N1 ? N2 : N1;
    }
  }

  public static final String PUBLIC_NET = "192.168.21.0/24";
  public static final String HEARTBEAT_NET = "192.168.144.0/24";
  public static final String PING_NODE_IP = "192.168.21.254";
  public static final String CLIENT_IP = "192.168.21.50";

  private final String prefix;
  private final Netns net;
  private final String switchNs;
  private final int udpPort;
  private final Map<Slot, String> publicPort = new LinkedHashMap<>();
  private final Map<Slot, String> heartbeatPort = new LinkedHashMap<>();
  private String pingNs;
  private String clientNs;
  private final Set<Long> netnsInodes = new LinkedHashSet<>();
  private boolean nftTable;

  /** The full lab (ping node and client included) under {@link #DEFAULT_PREFIX}, heartbeat on UDP 694. */
  public TwoNodeLab() {
    this(DEFAULT_PREFIX, true, true, 694);
  }

  /**
   * A lab whose namespaces start with {@code prefix} (must start with {@code jhb-}; leftovers of
   * the prefix from a crashed run are removed first); {@code udpPort} is the heartbeat port the
   * loss rules match.
   */
  public TwoNodeLab(String prefix, boolean withPingNode, boolean withClient, int udpPort) {
    this.prefix = prefix;
    this.udpPort = udpPort;
    this.net = new Netns(prefix);
    try {
      switchNs = create("sw");
      net.bridge(switchNs, "br-pub");
      net.bridge(switchNs, "br-hb");
      for (Slot s : Slot.values()) {
        String ns = create(s.id());
        publicPort.put(s, net.connect(switchNs, "br-pub", ns, "eth0", s.publicIp() + "/24", mac(s.publicIp())));
        heartbeatPort.put(s, net.connect(switchNs, "br-hb", ns, "eth1", s.heartbeatIp() + "/24", mac(s.heartbeatIp())));
      }
      if (withPingNode) {
        pingNs = create("ping");
        net.connect(switchNs, "br-pub", pingNs, "eth0", PING_NODE_IP + "/24", mac(PING_NODE_IP));
      }
      if (withClient) {
        clientNs = create("cl");
        net.connect(switchNs, "br-pub", clientNs, "eth0", CLIENT_IP + "/24", mac(CLIENT_IP));
      }
    } catch (RuntimeException e) {
      net.close();
      throw e;
    }
  }

  private String create(String suffix) {
    String ns = net.create(prefix + suffix);
    try {
      netnsInodes.add((Long) Files.getAttribute(Path.of("/run/netns", ns), "unix:ino"));
    } catch (IOException | UnsupportedOperationException e) {
      throw new IllegalStateException("cannot stat /run/netns/" + ns, e);
    }
    // Best effort: a kernel without IPv6 has no such keys, and the lab works without this.
    net.run(ns, NFT_TIMEOUT, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1",
        "net.ipv6.conf.default.disable_ipv6=1");
    return ns;
  }

  /** {@code 02:00:} followed by the four bytes of the IPv4 address in hex (locally administered). */
  static String mac(String ipv4) {
    StringBuilder b = new StringBuilder("02:00");
    for (String part : ipv4.split("\\.")) {
      b.append(':').append(String.format("%02x", Integer.parseInt(part)));
    }
    return b.toString();
  }

  /** The helper owning the namespaces (to run commands or start processes in them). */
  public Netns net() {
    return net;
  }

  public String prefix() {
    return prefix;
  }

  /** The namespace of a node. */
  public String ns(Slot slot) {
    return prefix + slot.id();
  }

  public String switchNs() {
    return switchNs;
  }

  /** The ping node's namespace, or null when the lab has none. */
  public String pingNs() {
    return pingNs;
  }

  /** The client's namespace, or null when the lab has none. */
  public String clientNs() {
    return clientNs;
  }

  /** The switch port (in {@link #switchNs()}) of a node's {@code eth0}. */
  public String publicPort(Slot slot) {
    return publicPort.get(slot);
  }

  /** The switch port (in {@link #switchNs()}) of a node's {@code eth1}. */
  public String heartbeatPort(Slot slot) {
    return heartbeatPort.get(slot);
  }

  /** Whether IPv4 address {@code ip} is on the eth0 (public side) of the node in {@code slot}. */
  public boolean addressOn(Slot slot, String ip) {
    String out = net.run(ns(slot), Duration.ofSeconds(10), "ip", "-4", "-o", "addr", "show", "dev", "eth0").stdout();
    return out.contains(" " + ip + "/");
  }

  /** Takes both switch ports of a node down: it hears nothing and nobody hears it. */
  public void cutLinks(Slot slot) {
    net.linkUp(switchNs, publicPort(slot), false);
    net.linkUp(switchNs, heartbeatPort(slot), false);
  }

  /** Brings both switch ports of a node back up. */
  public void restoreLinks(Slot slot) {
    net.linkUp(switchNs, publicPort(slot), true);
    net.linkUp(switchNs, heartbeatPort(slot), true);
  }

  /**
   * Drops {@code percent} % of the heartbeat-port UDP frames on the node's heartbeat switch port,
   * in both directions (frames the node sends, and frames forwarded to it): both nodes then see
   * gaps in the other's sequence numbers. Adds to earlier rules; {@link #clearLoss()} removes all.
   */
  public void loss(Slot slot, int percent) {
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException("percent must be 1..100: " + percent);
    }
    String port = heartbeatPort(slot);
    String random = percent == 100 ? "" : "numgen random mod 100 < " + percent + " ";
    addRule("iifname \"" + port + "\" udp dport " + udpPort + " " + random + "counter drop");
    addRule("oifname \"" + port + "\" udp dport " + udpPort + " " + random + "counter drop");
  }

  /**
   * One-way partition: every heartbeat-port UDP frame that {@code from} sends (on both its switch
   * ports) is dropped, while it still hears its peer. Undo with {@link #clearLoss()}.
   */
  public void asymmetricDrop(Slot from) {
    for (String port : List.of(publicPort(from), heartbeatPort(from))) {
      addRule("iifname \"" + port + "\" udp dport " + udpPort + " counter drop");
    }
  }

  /** Removes every loss/drop rule (deletes the table). */
  public void clearLoss() {
    if (nftTable) {
      nft("delete table bridge " + NFT_TABLE);
      nftTable = false;
    }
  }

  /**
   * The packet counters of the current drop rules, keyed by the rule's match
   * ({@code iifname "n1-eth1"}, {@code oifname "n1-eth1"}); empty when no rule is set. Read before
   * {@link #clearLoss()} to report what was dropped.
   */
  public Map<String, Long> dropCounters() {
    Map<String, Long> counters = new LinkedHashMap<>();
    if (!nftTable) {
      return counters;
    }
    String listing = nft("list table bridge " + NFT_TABLE).stdout();
    Pattern rule = Pattern.compile("((?:iif|oif)name \"[^\"]+\").*counter packets (\\d+)");
    for (String line : listing.lines().toList()) {
      Matcher m = rule.matcher(line);
      if (m.find()) {
        counters.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
      }
    }
    return counters;
  }

  private void addRule(String rule) {
    if (!nftTable) {
      nft("add table bridge " + NFT_TABLE);
      nftTable = true;
      nft("add chain bridge " + NFT_TABLE + " " + NFT_CHAIN
          + " { type filter hook forward priority 0 ; policy accept ; }");
    }
    nft("add rule bridge " + NFT_TABLE + " " + NFT_CHAIN + " " + rule);
  }

  private Netns.Result nft(String command) {
    List<String> argv = new ArrayList<>(List.of("nft"));
    argv.addAll(List.of(command.split(" ")));
    return net.run(switchNs, NFT_TIMEOUT, argv.toArray(String[]::new)).requireSuccess("nft " + command);
  }

  /** The inode numbers of the lab's network namespaces (as in {@code /proc/PID/ns/net -> net:[INODE]}). */
  public Set<Long> netnsInodes() {
    return Set.copyOf(netnsInodes);
  }

  /**
   * Live processes whose network namespace is one of the lab's (by inode, so this also works
   * after {@link #close()} deleted the names): empty after a clean close. Other tests' processes
   * in other namespaces are never counted.
   */
  public List<ProcessHandle> leftoverProcesses() {
    return ProcessHandle.allProcesses().filter(h -> {
      try {
        String link = Files.readSymbolicLink(Path.of("/proc/" + h.pid() + "/ns/net")).toString();
        return link.startsWith("net:[") && netnsInodes.contains(Long.parseLong(link.substring(5, link.length() - 1)));
      } catch (IOException | RuntimeException e) {
        return false; // gone, or not ours to read
      }
    }).toList();
  }

  /** Deletes every namespace of the lab, killing what runs in them. */
  @Override
  public void close() {
    net.close();
  }
}
