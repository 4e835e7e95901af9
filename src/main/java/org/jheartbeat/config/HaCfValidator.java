package org.jheartbeat.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one validation pass over ha.cf settings: applies them in file order (order matters in
 * Heartbeat: a medium uses the udpport in force when it is read), fills in defaults and derived
 * timers, and checks Heartbeat's rules (spec membership §4.1, §1.1): at least one node and one
 * medium, keepalive &gt; 0, deadtime &gt; 2×keepalive, warntime &gt; 0, initdead ≥ deadtime,
 * deadping &gt; 2×keepalive, this node listed, at most 100 node-table entries, once-only
 * directives. Directives jheartbeat accepts but does not act on draw a warning naming them.
 */
final class HaCfValidator {
  /** Heartbeat's node table holds 100 entries, normal and ping nodes together. */
  static final int MAX_NODES = 100;

  private static final Set<String> ONCE_ONLY = Set.of("baud", "watchdog");
  private static final Set<String> REPEATABLE =
      Set.of("node", "bcast", "mcast", "ucast", "serial", "mcast6", "ucast6", "ping", "ping6",
          "ping_group", "stonith_host", "respawn", "failfast", "apiauth", "env");

  private static final Set<String> MEDIA = Set.of("bcast", "ucast", "mcast", "serial");

  private final Path file;
  private final Problems problems;
  private final ServicesFile services;

  private HaCfValidator(Path file, Problems problems, ServicesFile services) {
    this.file = file;
    this.problems = problems;
    this.services = services;
  }

  /** The validated ha.cf, or empty when an error was reported. */
  static Optional<HaCf> validate(
      Path file, List<Setting> settings, LocalNode localNode, ServicesFile services,
      Problems problems) {
    return new HaCfValidator(file, problems, services).run(settings, localNode);
  }

  private Optional<HaCf> run(List<Setting> settings, LocalNode localNode) {
    boolean hadErrors = problems.hasErrors();
    checkRepeats(settings);
    warnNotActedOn(settings);

    Map<String, Setting> last = new HashMap<>();
    List<String> nodes = new ArrayList<>();
    Map<String, Integer> nodeLines = new LinkedHashMap<>();
    List<PingNode> pingNodes = new ArrayList<>();
    List<MediumSpec> media = new ArrayList<>();
    List<LineValues.Respawn> respawn = new ArrayList<>();
    List<LineValues.ApiAuth> apiauth = new ArrayList<>();
    List<LineValues.EnvVar> env = new ArrayList<>();
    List<LineValues.StonithHost> stonithHosts = new ArrayList<>();
    int port = services.haClusterPort();
    int firstMediumLine = 0;
    long baud = 19200;
    String autoFailback = null;
    Setting explicitAutoFailback = null;

    for (Setting s : settings) {
      last.put(s.name(), s);
      switch (s.name()) {
        case "node" -> {
          String name = (String) s.value();
          Integer earlier = nodeLines.putIfAbsent(name, s.line());
          if (earlier != null) {
            problems.warning(file, s.line(), "node '" + name + "' is already listed at line " + earlier);
          } else {
            nodes.add(name);
          }
        }
        case "udpport" -> {
          port = Math.toIntExact((Long) s.value());
          if (firstMediumLine > 0) {
            problems.warning(file, s.line(), "udpport comes after the medium at line " + firstMediumLine
                + ", which keeps the port in force there; put udpport before the media lines");
          }
          services.udpServiceName(port)
              .filter(n -> !n.equals(ServicesFile.HA_CLUSTER))
              .ifPresent(n -> problems.warning(file, s.line(),
                  "udpport " + s.text() + " is registered for '" + n + "' in /etc/services"));
        }
        case "baud" -> baud = (Long) s.value();
        case "bcast" -> media.add(new MediumSpec.Bcast((String) s.value(), port));
        case "ucast" -> {
          LineValues.UcastTarget t = (LineValues.UcastTarget) s.value();
          media.add(new MediumSpec.Ucast(t.iface(), t.peer(), port));
        }
        case "mcast" -> media.add((MediumSpec.Mcast) s.value());
        case "serial" -> media.add(new MediumSpec.Serial((String) s.value(), Math.toIntExact(baud)));
        case "ping" -> pingNodes.add(new PingNode((String) s.value(), List.of((String) s.value()), false, s.line()));
        case "ping_group" -> {
          LineValues.PingGroup g = (LineValues.PingGroup) s.value();
          pingNodes.add(new PingNode(g.name(), g.hosts(), true, s.line()));
        }
        case "auto_failback" -> {
          autoFailback = (String) s.value();
          explicitAutoFailback = s;
        }
        case "nice_failback" -> {
          // Heartbeat 3.0.6 treats nice_failback as obsolete: it keeps an earlier explicit
          // auto_failback on/off as off, and otherwise ends up in legacy mode.
          problems.warning(file, s.line(), "nice_failback is obsolete; use 'auto_failback on' or 'auto_failback off'");
          autoFailback = autoFailback != null && !autoFailback.equals("legacy") ? "off" : "legacy";
          explicitAutoFailback = s;
        }
        case "respawn" -> respawn.add((LineValues.Respawn) s.value());
        case "apiauth" -> apiauth.add((LineValues.ApiAuth) s.value());
        case "env" -> env.add((LineValues.EnvVar) s.value());
        case "stonith_host" -> stonithHosts.add((LineValues.StonithHost) s.value());
        case "pacemaker", "crm" -> {
          if (!s.value().equals("false")) {
            problems.error(file, s.line(), s.name() + " " + s.text()
                + ": jheartbeat manages haresources groups itself and does not run Pacemaker;"
                + " remove this line or set it to 'off'");
          }
        }
        default -> { }
      }
      if (firstMediumLine == 0 && MEDIA.contains(s.name())) {
        firstMediumLine = s.line();
      }
    }

    if (nodes.isEmpty()) {
      problems.error(file, 0, "no nodes defined: add a 'node NAME' line naming every cluster node as 'uname -n' prints it");
    } else if (!nodes.contains(localNode.name())) {
      int firstNodeLine = nodeLines.values().iterator().next();
      if (localNode.required()) {
        problems.error(file, firstNodeLine, "this node '" + localNode.name()
            + "' is not listed in a 'node' line (Heartbeat: Current node not in configuration):"
            + " add 'node " + localNode.name() + "', or check that 'uname -n' (or --node) names this node");
      } else {
        problems.warning(file, firstNodeLine, "this machine '" + localNode.name() + "' is not one of the nodes ("
            + String.join(", ", nodes) + "): the daemon would refuse to start here;"
            + " give --node NAME to check the files as one of the nodes");
      }
    }
    if (media.isEmpty()) {
      problems.error(file, 0, "no heartbeat media defined: add a bcast, mcast or ucast line");
    }
    for (PingNode p : pingNodes) {
      // Node names compare case-insensitively (node names are lower-cased; ping hosts are not).
      if (nodeLines.containsKey(p.name().toLowerCase(java.util.Locale.ROOT))) {
        problems.error(file, p.line(), "ping node '" + p.name() + "' has the name of a cluster node");
      }
    }
    if (nodes.size() + pingNodes.size() > MAX_NODES) {
      problems.error(file, 0, (nodes.size() + pingNodes.size())
          + " nodes and ping nodes are configured; Heartbeat's node table holds " + MAX_NODES);
    }
    Timing timing = timing(last);
    LogSettings logging = logging(last);

    if (explicitAutoFailback == null) {
      problems.warning(file, 0, "auto_failback is not set, so Heartbeat's deprecated 'legacy' mode is used;"
          + " set 'auto_failback on' or 'auto_failback off'");
    } else if ("legacy".equals(autoFailback)) {
      problems.warning(file, explicitAutoFailback.line(), "Heartbeat's deprecated 'legacy' auto_failback mode is used;"
          + " set 'auto_failback on' or 'auto_failback off'");
    }
    if (problems.hasErrors() || hadErrors) {
      return Optional.empty();
    }
    HaCf.Protocol protocol = new HaCf.Protocol(
        text(last, "msgfmt", "classic"), text(last, "hbgenmethod", "file"),
        text(last, "uuidfrom", "file"),
        Math.toIntExact(number(last, "max_rexmit_delay", 250)),
        Math.toIntExact(number(last, "hopfudge", 1)));
    HaCf.Clients clients = new HaCf.Clients(respawn, apiauth, env,
        Optional.ofNullable(last.get("watchdog")).map(s -> (String) s.value()));
    HaCf.Fencing fencing = new HaCf.Fencing(
        Optional.ofNullable(last.get("stonith")).map(s -> (LineValues.Stonith) s.value()),
        stonithHosts);
    return Optional.of(new HaCf(file, localNode.name(), nodes, pingNodes, timing, port, media,
        AutoFailback.fromConfig(autoFailback == null ? "legacy" : autoFailback),
        logging, protocol, clients, fencing, settings));
  }

  private Timing timing(Map<String, Setting> last) {
    long keepalive = number(last, "keepalive", 1000);
    long deadtime = number(last, "deadtime", 30_000);
    long warntime = number(last, "warntime", Timing.defaultWarntime(deadtime));
    long initdead = number(last, "initdead", Timing.defaultInitdead(deadtime));
    long deadping = number(last, "deadping", deadtime);
    int keepaliveLine = line(last, "keepalive");
    if (keepalive <= 0) {
      problems.error(file, keepaliveLine, "keepalive must be greater than 0 ms (it rounds to " + keepalive + " ms)");
    }
    if (deadtime <= 2 * keepalive) {
      problems.error(file, lineOr(last, "deadtime", "keepalive"),
          "deadtime " + TimeSyntax.format(deadtime) + " must be more than twice keepalive "
              + TimeSyntax.format(keepalive) + ", or one lost packet would declare a node dead");
    }
    if (last.containsKey("warntime")) {
      if (warntime <= 0) {
        problems.error(file, line(last, "warntime"), "warntime must be greater than 0 ms");
      } else if (warntime >= deadtime) {
        problems.warning(file, line(last, "warntime"), "warntime " + TimeSyntax.format(warntime)
            + " is not below deadtime " + TimeSyntax.format(deadtime)
            + ": a late heartbeat is reported only once the node is already dead");
      } else if (warntime <= keepalive) {
        problems.warning(file, line(last, "warntime"), "warntime " + TimeSyntax.format(warntime)
            + " is not above keepalive " + TimeSyntax.format(keepalive)
            + ": every heartbeat will be reported as late");
      }
    }
    if (initdead < deadtime) {
      problems.error(file, lineOr(last, "initdead", "deadtime"),
          "initdead " + TimeSyntax.format(initdead) + " is smaller than deadtime " + TimeSyntax.format(deadtime));
    } else if (last.containsKey("initdead") && initdead < 10_000) {
      problems.warning(file, line(last, "initdead"), "initdead " + TimeSyntax.format(initdead)
          + " may be too small: it covers slow network start-up and should be at least deadtime and 10 s");
    }
    if (last.containsKey("deadping") && deadping <= 2 * keepalive) {
      problems.error(file, line(last, "deadping"), "deadping " + TimeSyntax.format(deadping)
          + " must be more than twice keepalive " + TimeSyntax.format(keepalive));
    }
    return new Timing(keepalive, deadtime, warntime, initdead, deadping);
  }

  private LogSettings logging(Map<String, Setting> last) {
    Optional<String> logFile = enabledPath(last.get("logfile"));
    Optional<String> debugFile = enabledPath(last.get("debugfile"));
    Optional<String> facility = Optional.ofNullable(last.get("logfacility"))
        .map(s -> (String) s.value()).filter(f -> !f.equals("none"));
    boolean anyTarget = logFile.isPresent() || debugFile.isPresent() || facility.isPresent();
    Setting useLogd = last.get("use_logd");
    if (!anyTarget && useLogd != null && !((Boolean) useLogd.value())) {
      problems.error(file, useLogd.line(), "use_logd is off and no logfile, debugfile or logfacility is set:"
          + " log lines would go nowhere");
    } else if (!anyTarget) {
      problems.warning(file, 0, "no logfile, debugfile or logfacility is set: jheartbeat logs to syslog"
          + " facility 'daemon', where Heartbeat's logging daemon would have sent the lines");
      facility = Optional.of("daemon");
    }
    return new LogSettings(logFile, debugFile, facility,
        bool(last, "syslogmsgfmt", true), bool(last, "log_badpack", true),
        Math.toIntExact(number(last, "debug", 0)));
  }

  private void checkRepeats(List<Setting> settings) {
    Map<String, Integer> seen = new HashMap<>();
    for (Setting s : settings) {
      String name = s.name();
      if (REPEATABLE.contains(name)) {
        continue;
      }
      Integer earlier = seen.put(name, s.line());
      if (earlier == null) {
        continue;
      }
      if (ONCE_ONLY.contains(name)) {
        problems.error(file, s.line(), name + " may be given only once (first at line " + earlier + ")");
      } else {
        problems.warning(file, s.line(), name + " is also set at line " + earlier + "; this later value wins");
      }
    }
  }

  private void warnNotActedOn(List<Setting> settings) {
    Set<String> warned = new HashSet<>();
    for (Setting s : settings) {
      Directive.Support support = s.directive().support();
      if (!support.actedOn() && warned.add(s.name())) {
        problems.warning(file, s.line(), "'" + s.name() + "' is accepted for compatibility but jheartbeat does not act on it: "
            + support.note());
      }
    }
  }

  private static Optional<String> enabledPath(Setting s) {
    return Optional.ofNullable(s).map(x -> (String) x.value()).filter(p -> !p.equals("/dev/null"));
  }

  private static long number(Map<String, Setting> last, String name, long fallback) {
    Setting s = last.get(name);
    return s == null ? fallback : (Long) s.value();
  }

  private static boolean bool(Map<String, Setting> last, String name, boolean fallback) {
    Setting s = last.get(name);
    return s == null ? fallback : (Boolean) s.value();
  }

  private static String text(Map<String, Setting> last, String name, String fallback) {
    Setting s = last.get(name);
    return s == null ? fallback : (String) s.value();
  }

  private static int line(Map<String, Setting> last, String name) {
    Setting s = last.get(name);
    return s == null ? 0 : s.line();
  }

  /** The line of {@code name}, else of {@code other}: where the operator should look. */
  private static int lineOr(Map<String, Setting> last, String name, String other) {
    int l = line(last, name);
    return l > 0 ? l : line(last, other);
  }
}
