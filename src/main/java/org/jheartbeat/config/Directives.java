package org.jheartbeat.config;

import static org.jheartbeat.config.Directive.Form.LINE;
import static org.jheartbeat.config.Directive.Form.LIST;
import static org.jheartbeat.config.Directive.Form.SINGLE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jheartbeat.config.Directive.Form;
import org.jheartbeat.config.Directive.Support;

/**
 * Every directive Heartbeat 3.0.6 accepts in ha.cf (ha.cf(5); spec membership §4.1), in the
 * order {@code check-config --dump} prints them. Defaults are the texts {@code heartbeat -D}
 * shows; derived defaults (warntime, initdead, deadping) are computed by {@link HaCfValidator}.
 */
public final class Directives {
  private static final Support YES = Support.yes();

  private static final List<Directive> TABLE =
      List.of(
          d("node", LIST, ValueParsers.nodeName(), null, "", "a cluster node, named as 'uname -n' prints it", YES),
          d("keepalive", SINGLE, ValueParsers.time(), "1000ms", "time", "interval between status heartbeats", YES),
          d("deadtime", SINGLE, ValueParsers.time(), "30000ms", "time", "silence after which a node is declared dead", YES),
          d("warntime", SINGLE, ValueParsers.time(), null, "time", "interval after which a late heartbeat is logged (default deadtime/2)", YES),
          d("initdead", SINGLE, ValueParsers.time(), null, "time", "dead time used until the cluster first forms (default derived from deadtime)", YES),
          d("deadping", SINGLE, ValueParsers.time(), null, "time", "dead time of ping nodes (default deadtime)", YES),
          d("udpport", SINGLE, ValueParsers.integer(1, 65535), null, "", "UDP port of bcast and ucast media; must precede them (default ha-cluster/udp from /etc/services, else 694)", YES),
          d("bcast", LIST, ValueParsers.interfaceName(), null, "", "UDP broadcast medium on an interface", YES),
          d("mcast", LINE, ValueParsers.mcast(), null, "", "UDP multicast medium: interface group port ttl loop", YES),
          d("ucast", LINE, ValueParsers.ucast(), null, "", "UDP unicast medium: interface peer", YES),
          d("serial", LIST, ValueParsers.text(), null, "", "serial-line medium",
              Support.notActedOn("jheartbeat has no serial transport; use bcast, mcast or ucast")),
          d("baud", SINGLE, ValueParsers.oneOf(9600, 19200, 38400, 57600, 115200, 230400, 460800), "19200", "bit/s", "serial line speed",
              Support.notActedOn("jheartbeat has no serial transport")),
          d("mcast6", LINE, ValueParsers.words("mcast6 INTERFACE GROUP PORT TTL LOOP"), null, "", "IPv6 multicast medium",
              Support.notActedOn("IPv6 media are not implemented yet")),
          d("ucast6", LINE, ValueParsers.words("ucast6 INTERFACE PEER"), null, "", "IPv6 unicast medium",
              Support.notActedOn("IPv6 media are not implemented yet")),
          d("ping", LIST, ValueParsers.host(), null, "", "ping node: a host whose ICMP echo replies count as a node", YES),
          d("ping6", LIST, ValueParsers.text(), null, "", "IPv6 ping node",
              Support.notActedOn("IPv6 ping nodes are not implemented yet")),
          d("ping_group", LINE, ValueParsers.pingGroup(), null, "", "ping node made of several hosts, up while any answers", YES),
          d("auto_failback", SINGLE, ValueParsers.choiceOrBoolean("on", "off", "legacy"), "legacy", "", "whether resources move back to their preferred node when it returns", YES),
          d("nice_failback", SINGLE, ValueParsers.bool(), null, "", "obsolete form of auto_failback", YES),
          d("stonith", LINE, ValueParsers.stonith(), null, "", "STONITH device: type config-file", YES),
          d("stonith_host", LINE, ValueParsers.stonithHost(), null, "", "STONITH device for a host: host|* type params", YES),
          d("split_brain_policy", SINGLE, ValueParsers.choice(SplitBrainPolicy.words()), SplitBrainPolicy.SETTLE_ON_HEAL.word(), "",
              "jheartbeat only: who acquires a dead peer's groups during a partition and who keeps them when it heals (settle_on_heal, ping_quorum; docs/resource-management.md); real Heartbeat refuses unknown directives, so put it only in the ha.cf of jheartbeat nodes", YES),
          d("respawn", LINE, ValueParsers.respawn("respawn"), null, "", "client program started at comm up and restarted when it exits", YES),
          d("failfast", LINE, ValueParsers.respawn("failfast"), null, "", "like respawn, but the node reboots when the program dies",
              Support.notActedOn("jheartbeat never reboots the machine on its own; use respawn and fencing")),
          d("apiauth", LINE, ValueParsers.apiauth(), null, "", "who may sign on to the local API as a client", YES),
          d("env", SINGLE, ValueParsers.env(), null, "", "environment variable NAME=value given to respawned clients as HA_NAME", YES),
          d("watchdog", SINGLE, ValueParsers.absolutePath(), null, "", "kernel watchdog device, kept alive by the node's own heartbeats", YES),
          d("http_api", SINGLE, HttpEndpoint::parse, null, "", "jheartbeat only: HTTP status API, /metrics and dashboard on [ADDRESS:]PORT (address default 127.0.0.1); real Heartbeat refuses unknown directives, so put it only in the ha.cf of jheartbeat nodes", YES),
          d("logfile", SINGLE, ValueParsers.absolutePath(), null, "", "file for log lines at info and above (/dev/null disables)", YES),
          d("debugfile", SINGLE, ValueParsers.absolutePath(), null, "", "file for every log line including debug (/dev/null disables)", YES),
          d("logfacility", SINGLE, ValueParsers.facility(), "none", "", "syslog facility, or none", YES),
          d("syslogmsgfmt", SINGLE, ValueParsers.bool(), "true", "", "syslog-style lines in logfile/debugfile (false: heartbeat[PID]: DATE style)", YES),
          d("use_logd", SINGLE, ValueParsers.bool(), null, "", "send logs through the logging daemon (default yes when no log target is set)",
              Support.notActedOn("jheartbeat has no logging daemon; it writes logfile, debugfile and syslog itself")),
          d("conn_logd_time", SINGLE, ValueParsers.time(), "60", "time", "interval between attempts to reach the logging daemon",
              Support.notActedOn("jheartbeat has no logging daemon")),
          d("log_badpack", SINGLE, ValueParsers.bool(), "true", "", "log bad (unauthenticated or malformed) packets", YES),
          d("debug", SINGLE, ValueParsers.integer(0, 255), "0", "", "debug level", YES),
          d("msgfmt", SINGLE, ValueParsers.choice("classic", "netstring"), "classic", "", "message format of outgoing packets", YES),
          d("hbgenmethod", SINGLE, ValueParsers.choice("file", "time"), "file", "", "how the generation number is chosen at start", YES),
          d("uuidfrom", SINGLE, ValueParsers.choice("file", "nodename"), "file", "", "where node uuids come from", YES),
          d("max_rexmit_delay", SINGLE, ValueParsers.integer(1, Integer.MAX_VALUE), "250", "ms", "largest random delay before answering a retransmission request", YES),
          d("hopfudge", SINGLE, ValueParsers.integer(0, 255), "1", "", "extra hops allowed beyond the node count (message ttl)", YES),
          d("autojoin", SINGLE, ValueParsers.choice("none", "other", "any"), "none", "", "whether unknown nodes may join (not with haresources)", YES),
          d("realtime", SINGLE, ValueParsers.bool(), "true", "", "run the event loop, receivers and process runner at SCHED_RR priority (resource scripts at normal priority); memory is not locked", YES),
          d("rtprio", SINGLE, ValueParsers.integer(1, 99), null, "", "the SCHED_RR priority of realtime (1 when not set, as Heartbeat runs)", YES),
          d("memreserve", SINGLE, ValueParsers.integer(1, Integer.MAX_VALUE), "6500", "KiB", "memory to pre-allocate and lock",
              Support.notActedOn("the JVM heap is sized by the launcher instead")),
          d("coredumps", SINGLE, ValueParsers.bool(), "true", "", "allow core dumps",
              Support.notActedOn("the JVM writes hs_err files instead of core dumps")),
          d("coreroot", SINGLE, ValueParsers.absolutePath(), null, "", "directory for core dumps",
              Support.notActedOn("the JVM writes hs_err files instead of core dumps")),
          d("compression", SINGLE, ValueParsers.choice("zlib", "bz2"), "zlib", "", "compression of large messages",
              Support.notActedOn("v1 clusters send no messages large enough to compress")),
          d("compression_threshold", SINGLE, ValueParsers.integer(1, Integer.MAX_VALUE), "2", "KiB", "size above which messages are compressed",
              Support.notActedOn("v1 clusters send no messages large enough to compress")),
          d("traditional_compression", SINGLE, ValueParsers.bool(), "false", "", "compress whole messages the old way",
              Support.notActedOn("v1 clusters send no messages large enough to compress")),
          d("cluster", SINGLE, ValueParsers.text(), "linux-ha", "", "cluster name",
              Support.notActedOn("the cluster name is not used on the wire in v1 clusters")),
          d("quorum_server", SINGLE, ValueParsers.text(), null, "", "quorum server for the CRM",
              Support.notActedOn("quorum servers belong to Pacemaker, which jheartbeat does not run")),
          d("use_apphbd", SINGLE, ValueParsers.bool(), null, "", "register with the application heartbeat daemon",
              Support.notActedOn("jheartbeat has no apphbd")),
          d("pacemaker", SINGLE, ValueParsers.choiceOrBoolean("respawn", "minimal", "manual", "valgrind", "ccm-only"), "false", "", "run Pacemaker instead of haresources management", YES),
          d("crm", SINGLE, ValueParsers.choiceOrBoolean("respawn", "minimal", "manual", "valgrind", "ccm-only"), "false", "", "old name of pacemaker", YES),
          d("crm_daemon_dir", SINGLE, ValueParsers.absolutePath(), null, "", "where Pacemaker daemons live",
              Support.notActedOn("Pacemaker only")),
          d("crmd_spawns_pengine", SINGLE, ValueParsers.bool(), null, "", "Pacemaker process layout",
              Support.notActedOn("Pacemaker only")),
          d("record_config_changes", SINGLE, ValueParsers.bool(), null, "", "Pacemaker configuration history",
              Support.notActedOn("Pacemaker only")),
          d("record_pengine_inputs", SINGLE, ValueParsers.bool(), null, "", "Pacemaker policy engine history",
              Support.notActedOn("Pacemaker only")),
          d("enable_config_writes", SINGLE, ValueParsers.bool(), null, "", "Pacemaker configuration writes",
              Support.notActedOn("Pacemaker only")));

  private static final Map<String, Directive> BY_NAME = index();

  private Directives() {}

  /** Every directive, in documentation order. */
  public static List<Directive> all() {
    return TABLE;
  }

  /** The directive with this keyword (ha.cf keywords are case-sensitive lower case). */
  public static Optional<Directive> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  private static Map<String, Directive> index() {
    Map<String, Directive> map = new LinkedHashMap<>();
    for (Directive d : TABLE) {
      if (map.put(d.name(), d) != null) {
        throw new IllegalStateException("directive declared twice: " + d.name());
      }
    }
    return Map.copyOf(map);
  }

  private static Directive d(
      String name, Form form, ValueParser parser, String defaultText, String unit,
      String description, Support support) {
    return new Directive(
        name, form, parser, Optional.ofNullable(defaultText), unit, description, support);
  }
}
