package org.jheartbeat.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.jheartbeat.fuzz.FuzzViolation.require;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jheartbeat.config.AuthKey;
import org.jheartbeat.config.AuthKeys;
import org.jheartbeat.config.ClusterConfig;
import org.jheartbeat.config.ConfigDump;
import org.jheartbeat.config.ConfigLoader;
import org.jheartbeat.config.ConfigPaths;
import org.jheartbeat.config.ConfigReport;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.config.Problem;
import org.jheartbeat.config.ResourceGroup;

/**
 * The oracles for one loaded configuration. Every problem names one of the three files and a
 * line that exists in it (0 for the file as a whole) and is one line of text; the report is
 * valid exactly when it has no error; no problem about a line of authkeys shows that line's key. A configuration
 * that loads is dumped ({@code check-config --dump}) and the dump is loaded again: its ha.cf
 * section as ha.cf, its haresources section as haresources, its authkeys section as authkeys
 * with each {@code <redacted>} put back (the dump hides secrets on purpose); that must load
 * without error to the same node, timing, media, ping nodes, protocol, logging, clients,
 * fencing, keys and resource groups.
 */
final class ConfigOracle {
  private static final Pattern DUMP_COMMENT = Pattern.compile("^(.*?)\\s+# [^#]*$");
  /** Shorter secrets could appear in a message by chance (a directive named like the key). */
  private static final int SECRET_CHECKED_FROM = 8;

  private final ConfigWorkspace reload;

  ConfigOracle(ConfigWorkspace reload) {
    this.reload = reload;
  }

  String check(ConfigBundle bundle, ConfigPaths paths, ConfigReport report) {
    Map<Path, Long> lineCounts = new HashMap<>();
    for (Problem p : report.problems()) {
      require(!p.message().isEmpty(), () -> "problem without a message: " + p);
      require(p.message().indexOf('\n') < 0 && p.message().indexOf('\r') < 0, () -> "problem of several lines: " + p);
      byte[] file = fileOf(bundle, paths, p.file());
      require(file != null || p.line() == 0, () -> "problem about a line of an absent or unknown file: " + p);
      if (file != null) {
        long lines = lineCounts.computeIfAbsent(p.file(), f -> lineCount(file));
        require(p.line() <= lines, () -> "problem at line " + p.line() + " of a file of " + lines + " lines: " + p);
      }
    }
    require(report.valid() == report.errors().isEmpty(), () ->
        "valid=" + report.valid() + " but errors " + report.errors());
    Map<Integer, String> secrets = secrets(bundle);
    report.problems().stream().filter(p -> p.file().equals(paths.authkeys()) && secrets.containsKey(p.line()))
        .forEach(p -> require(!p.message().contains(secrets.get(p.line())), () -> "a problem shows its line's key: " + p));
    if (!report.valid()) {
      return "invalid";
    }
    dumpReloads(report.config().orElseThrow(), bundle.localNode());
    return "valid";
  }

  private void dumpReloads(ClusterConfig config, String localNode) {
    String dump = ConfigDump.render(config);
    String haCf = section(dump, "## ha.cf", "## authkeys");
    String authkeys = unredacted(section(dump, "## authkeys", "## haresources"), config.authKeys());
    String haresources = section(dump, "## haresources", null);
    ConfigBundle again = new ConfigBundle(localNode, haCf.getBytes(ISO_8859_1), authkeys.getBytes(ISO_8859_1),
        config.haResources().present() ? haresources.getBytes(ISO_8859_1) : null);
    ConfigReport second = ConfigLoader.load(reload.write(again), localNode);
    require(second.valid(), () -> "the dump does not load: " + second.errors() + "\n" + dump);
    ClusterConfig b = second.config().orElseThrow();
    HaCf x = config.haCf();
    HaCf y = b.haCf();
    same("local node", x.localNode(), y.localNode());
    same("nodes", x.nodes(), y.nodes());
    same("timing", x.timing(), y.timing());
    same("udpport", x.udpPort(), y.udpPort());
    // The dump lists media in table order (bcast, mcast, ucast), not file order.
    same("media", sorted(x.media()), sorted(y.media()));
    // So are ping and ping_group nodes (table order).
    same("ping nodes", sorted(x.pingNodes().stream().map(p -> p.name() + p.hosts() + p.group()).toList()),
        sorted(y.pingNodes().stream().map(p -> p.name() + p.hosts() + p.group()).toList()));
    same("auto_failback", x.autoFailback(), y.autoFailback());
    same("logging", x.logging(), y.logging());
    same("protocol", x.protocol(), y.protocol());
    same("clients", x.clients(), y.clients());
    same("fencing", x.fencing(), y.fencing());
    same("http_api", x.httpApi(), y.httpApi());
    same("active key", config.authKeys().activeIndex(), b.authKeys().activeIndex());
    same("keys", keys(config.authKeys()), keys(b.authKeys()));
    same("resource groups", groups(config.haResources().groups()), groups(b.haResources().groups()));
  }

  private static void same(String what, Object before, Object after) {
    require(before.equals(after), () -> what + " changed through the dump: " + before + " -> " + after);
  }

  private static List<String> sorted(List<?> items) {
    return items.stream().map(Object::toString).sorted().toList();
  }

  private static Map<Integer, String> keys(AuthKeys keys) {
    Map<Integer, String> m = new TreeMap<>();
    for (AuthKey k : keys.keys().values()) {
      m.put(k.index(), k.method().configName() + " " + k.secret().orElse(""));
    }
    return m;
  }

  private static List<String> groups(List<ResourceGroup> groups) {
    return groups.stream().map(g -> g.preferredNode() + " " + g.resources()).toList();
  }

  /** The lines between two headings of the dump. */
  private static String section(String dump, String heading, String next) {
    int start = dump.indexOf("\n" + heading + "\n");
    require(start >= 0, () -> "dump without '" + heading + "'");
    int end = next == null ? dump.length() : dump.indexOf("\n" + next + "\n", start) + 1;
    require(end > 0, () -> "dump without '" + next + "'");
    return dump.substring(start + heading.length() + 2, end);
  }

  /** The authkeys section as a file again: secrets put back, the FILE:LINE comments dropped. */
  private static String unredacted(String section, AuthKeys keys) {
    StringBuilder out = new StringBuilder();
    for (String line : section.split("\n")) {
      Matcher m = DUMP_COMMENT.matcher(line);
      String text = m.matches() ? m.group(1) : line;
      String[] w = text.split(" ");
      if (w.length == 3 && w[2].equals("<redacted>")) {
        text = w[0] + " " + w[1] + " " + keys.key(Integer.parseInt(w[0])).orElseThrow().secret().orElseThrow();
      }
      out.append(text).append('\n');
    }
    return out.toString();
  }

  private static byte[] fileOf(ConfigBundle bundle, ConfigPaths paths, Path file) {
    if (file.equals(paths.haCf())) {
      return bundle.haCf();
    }
    if (file.equals(paths.authkeys())) {
      return bundle.authkeys();
    }
    return file.equals(paths.haresources()) ? bundle.haresources() : null;
  }

  /** Lines as the loader counts them (Files.readAllLines: \n, \r or \r\n end a line). */
  static long lineCount(byte[] file) {
    return new BufferedReader(new StringReader(new String(file, ISO_8859_1))).lines().count();
  }

  /** The key of each line of authkeys that has one (its third word), when long enough to be checked. */
  private static Map<Integer, String> secrets(ConfigBundle bundle) {
    Map<Integer, String> secrets = new HashMap<>();
    if (bundle.authkeys() != null) {
      List<String> lines = new BufferedReader(new StringReader(new String(bundle.authkeys(), ISO_8859_1))).lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        String[] w = lines.get(i).strip().split("[ \t]+");
        // A key spelt like the index or method of its line cannot be told apart from them.
        if (w.length >= 3 && w[0].matches("[0-9]+") && w[2].length() >= SECRET_CHECKED_FROM
            && !w[0].contains(w[2]) && !w[1].contains(w[2])) {
          secrets.put(i + 1, w[2]);
        }
      }
    }
    return secrets;
  }
}
