package org.jheartbeat.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders the effective configuration ({@code check-config --dump}): every ha.cf directive in
 * table order with its value, whether from the file ({@code # ha.cf:LINE}) or a default; the
 * authkeys with secrets redacted; the haresources groups with where each script was found; the
 * monitors, when the file exists, with every option spelled out.
 * The ha.cf part is valid ha.cf syntax, so the dump can be read back to the same configuration.
 */
public final class ConfigDump {
  private static final int COMMENT_COLUMN = 40;
  /** The directives whose order decides a medium's port. */
  private static final Set<String> PORT_BOUND = Set.of("udpport", "bcast", "ucast");

  private ConfigDump() {}

  public static String render(ClusterConfig config) {
    StringBuilder out = new StringBuilder();
    HaCf haCf = config.haCf();
    out.append("# Effective configuration of node ").append(haCf.localNode())
        .append(" from ").append(config.paths().configDir()).append('\n');
    out.append("# A value from a file is followed by its FILE:LINE; the others are defaults.\n");
    out.append("\n## ha.cf\n");
    boolean portsInFileOrder = mediaKeepAnEarlierPort(haCf);
    for (Directive d : Directives.all()) {
      if (portsInFileOrder && PORT_BOUND.contains(d.name())) {
        if (d.name().equals("udpport")) {
          haCf.settings().stream().filter(s -> PORT_BOUND.contains(s.name()))
              .forEach(s -> renderSetting(out, haCf, s));
        }
        continue;
      }
      renderDirective(out, haCf, d);
    }
    out.append("\n## authkeys\n");
    AuthKeys keys = config.authKeys();
    line(out, "auth " + keys.activeIndex(), where(keys.file().getFileName().toString(), keys.activeLine()));
    for (Map.Entry<Integer, AuthKey> e : keys.sorted().entrySet()) {
      AuthKey k = e.getValue();
      line(out, k.index() + " " + k.method().configName() + (k.secret().isPresent() ? " <redacted>" : ""),
          where(keys.file().getFileName().toString(), k.line()));
    }
    out.append("\n## haresources\n");
    HaResources res = config.haResources();
    if (!res.present()) {
      out.append("# (no haresources file: no resource groups)\n");
    }
    ScriptLookup scripts = config.paths().scripts();
    for (ResourceGroup g : res.groups()) {
      line(out, g.text(), where(res.file().getFileName().toString(), g.line()));
      for (ResourceSpec r : g.resources()) {
        out.append("#   ").append(r.text()).append(" -> ").append(describe(scripts.locate(r.script())))
            .append('\n');
      }
    }
    Monitors monitors = config.monitors();
    if (monitors.present()) {
      out.append("\n## monitors\n");
      for (MonitorSpec m : monitors.specs()) {
        line(out, m.resource() + " group=" + m.group() + " interval=" + m.interval().toMillis() + "ms timeout="
            + m.timeout().toMillis() + "ms on-fail=" + m.onFail().word() + " threshold=" + m.threshold()
            + " expire=" + (m.expires() ? m.expire().toMillis() + "ms" : "never"),
            where(monitors.file().getFileName().toString(), m.line()));
      }
    }
    return out.toString();
  }

  /**
   * Whether a bcast or ucast medium kept a udpport that a later udpport line replaced (Heartbeat
   * gives a medium the port in force where it is read). Then udpport and those media are dumped
   * in file order, at udpport's place, so that the dump read back gives each medium its port.
   */
  private static boolean mediaKeepAnEarlierPort(HaCf haCf) {
    return haCf.media().stream().anyMatch(m -> m instanceof MediumSpec.Bcast b && b.port() != haCf.udpPort()
        || m instanceof MediumSpec.Ucast u && u.port() != haCf.udpPort());
  }

  private static void renderSetting(StringBuilder out, HaCf haCf, Setting s) {
    String value = canonical(s);
    String note = value.equals(s.text()) ? "" : " (" + s.text() + ")";
    line(out, s.name() + " " + value, where(haCf.file().getFileName().toString(), s.line()) + note);
  }

  private static void renderDirective(StringBuilder out, HaCf haCf, Directive d) {
    List<Setting> set = haCf.settingsOf(d.name());
    if (!set.isEmpty()) {
      set.forEach(s -> renderSetting(out, haCf, s));
      return;
    }
    String derived = switch (d.name()) {
      case "warntime" -> "deadtime/2";
      case "initdead" -> "derived from deadtime";
      case "deadping" -> "deadtime";
      case "udpport" -> "ha-cluster/udp in /etc/services, else 694";
      default -> "";
    };
    if (!derived.isEmpty()) {
      line(out, d.name() + " " + haCf.parameter(d.name()).orElseThrow(), "default: " + derived);
    } else if (d.defaultText().isPresent() && !d.support().actedOn()) {
      // Commented out: written back as ha.cf it would draw a "not acted on" warning.
      line(out, "#" + d.name() + " " + d.defaultText().get(), "default; not used by jheartbeat");
    } else if (d.defaultText().isPresent()) {
      line(out, d.name() + " " + d.defaultText().get(), "default");
    } else {
      out.append("#").append(d.name()).append(" (not set)\n");
    }
  }

  /** Times in ms, booleans as true/false, everything else as written. */
  private static String canonical(Setting s) {
    if (s.directive().unit().equals("time")) {
      return TimeSyntax.format((Long) s.value());
    }
    if (s.value() instanceof Boolean b) {
      return b.toString();
    }
    return s.text();
  }

  private static String describe(ScriptLocation where) {
    return switch (where.kind()) {
      case RESOURCE_D, INIT_D -> where.path().orElseThrow().toString();
      case BUILTIN -> where.script().equals(ScriptLookup.BUILTIN_WEB) ? "built-in " + where.script()
          : "built-in " + where.script() + " (no script installed)";
      case MISSING -> "NOT FOUND on this node";
    };
  }

  private static String where(String file, int line) {
    return file + ":" + line;
  }

  private static void line(StringBuilder out, String text, String comment) {
    out.append(text);
    out.append(" ".repeat(Math.max(1, COMMENT_COLUMN - text.length())));
    out.append("# ").append(comment).append('\n');
  }
}
