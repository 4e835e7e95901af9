package org.jheartbeat.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses haresources (spec membership §4.3): {@code #} comments, a trailing {@code \} joins the
 * next line, each logical line is {@code NODE RES1 RES2...}; NODE must be a configured node,
 * RES1 (the group key) must be unique, {@code Script::arg::arg} splits on {@code ::}, and a bare
 * IPv4 resource means {@code IPaddr::it}. Scripts that cannot be found draw a warning: the file
 * is shared by all nodes, and the script may be installed on the others only.
 */
public final class HaResourcesParser {
  private static final Pattern BARE_IPV4 = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+.*");
  private static final Pattern SCRIPT_NAME = Pattern.compile("[A-Za-z0-9_.+-]+");

  private HaResourcesParser() {}

  /** A logical line: continuation lines joined, numbered by its first physical line. */
  private record LogicalLine(int line, String text) {}

  /**
   * The groups of {@code file} (absent file: no groups), or empty when an error was reported.
   *
   * @param nodes the configured nodes, or empty when ha.cf could not be read (then the node
   *     names are not checked)
   */
  public static Optional<HaResources> parse(
      Path file, Optional<List<String>> nodes, ScriptLookup scripts, Problems problems) {
    // Only this file's errors decide: the loader checks cross-file rules (autojoin) on the
    // groups even when ha.cf or authkeys have unrelated errors, so that all are reported at once.
    long errorsBefore = errorCount(problems);
    Optional<List<String>> lines = ConfigFile.readLines(file, problems, false);
    if (lines.isEmpty()) {
      return errorCount(problems) > errorsBefore
          ? Optional.empty()
          : Optional.of(new HaResources(file, false, List.of()));
    }
    List<ResourceGroup> groups = new ArrayList<>();
    Map<String, Integer> keys = new HashMap<>();
    Map<String, Integer> resourceLines = new HashMap<>();
    for (LogicalLine l : join(lines.get())) {
      List<String> w = Lexical.words(l.text());
      String node = w.get(0).toLowerCase(Locale.ROOT);
      if (nodes.isPresent() && !nodes.get().contains(node)) {
        problems.error(file, l.line(), "'" + w.get(0) + "' is not a node of ha.cf (the first word of a line names the group's"
            + " preferred node; nodes: " + String.join(", ", nodes.get()) + ")");
        continue;
      }
      if (w.size() < 2) {
        problems.error(file, l.line(), "group of node '" + node + "' lists no resources");
        continue;
      }
      List<ResourceSpec> resources = new ArrayList<>();
      for (String text : w.subList(1, w.size())) {
        resource(file, l.line(), text, scripts, problems).ifPresent(resources::add);
        Integer other = resourceLines.putIfAbsent(text, l.line());
        if (other != null && other != l.line()) {
          problems.warning(file, l.line(), "resource '" + text + "' also appears in the group at line " + other
              + ": two groups would start and stop the same resource");
        }
      }
      if (resources.size() != w.size() - 1) {
        continue;
      }
      ResourceGroup group = new ResourceGroup(node, resources, l.line());
      Integer earlier = keys.putIfAbsent(group.key(), l.line());
      if (earlier != null) {
        problems.error(file, l.line(), "group key '" + group.key() + "' (the first resource) is already used by the group at line "
            + earlier + "; groups are known by their first resource, so it must be unique");
        continue;
      }
      groups.add(group);
    }
    return errorCount(problems) > errorsBefore
        ? Optional.empty()
        : Optional.of(new HaResources(file, true, groups));
  }

  private static long errorCount(Problems problems) {
    return problems.list().stream().filter(Problem::isError).count();
  }

  private static List<LogicalLine> join(List<String> lines) {
    List<LogicalLine> logical = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int start = 0;
    for (int i = 0; i < lines.size(); i++) {
      String code = ConfigFile.stripComment(lines.get(i));
      if (current.length() == 0) {
        start = i + 1;
      }
      boolean continues = code.endsWith("\\");
      current.append(continues ? code.substring(0, code.length() - 1) : code).append(' ');
      if (!continues || i == lines.size() - 1) {
        if (!current.toString().isBlank()) {
          logical.add(new LogicalLine(start, current.toString().strip()));
        }
        current.setLength(0);
      }
    }
    return logical;
  }

  private static Optional<ResourceSpec> resource(
      Path file, int line, String text, ScriptLookup scripts, Problems problems) {
    if (text.endsWith("\\")) {
      // Found by the fuzzer: "res\\" on the last line kept one backslash, which then reads as a
      // continuation wherever the group is written out again (check-config --dump).
      problems.error(file, line, "resource '" + text + "' ends with '\\' (a '\\' continues a line only as its last character)");
      return Optional.empty();
    }
    String spec = BARE_IPV4.matcher(text).matches() ? "IPaddr::" + text : text;
    List<String> parts = Arrays.asList(spec.split("::", -1));
    String script = parts.get(0);
    if (!SCRIPT_NAME.matcher(script).matches()) {
      problems.error(file, line, "resource '" + text + "': '" + script + "' is not a script name"
          + " (write Script or Script::arg1::arg2)");
      return Optional.empty();
    }
    List<String> args = parts.subList(1, parts.size());
    if (args.stream().anyMatch(String::isEmpty)) {
      problems.error(file, line, "resource '" + text + "' has an empty argument (check the '::' separators)");
      return Optional.empty();
    }
    if (script.equals("IPaddr") || script.equals("IPaddr2")) {
      Optional<String> bad = ipaddrArgumentProblem(args);
      if (bad.isPresent()) {
        problems.error(file, line, "resource '" + text + "': " + bad.get());
        return Optional.empty();
      }
    }
    if (script.equals(ScriptLookup.BUILTIN_WEB)) {
      Optional<String> bad = webArgumentProblem(args);
      if (bad.isPresent()) {
        problems.error(file, line, "resource '" + text + "': " + bad.get());
        return Optional.empty();
      }
    }
    ScriptLocation where = scripts.locate(script);
    if (where.kind() == ScriptLocation.Kind.MISSING) {
      problems.warning(file, line, "resource script '" + script + "' is neither in " + scripts.resourceDir()
          + " nor in " + scripts.initDir() + " on this node: the group cannot start here");
    }
    return Optional.of(new ResourceSpec(text, script, args));
  }

  /** The built-in web resource's arguments: {@code jhbweb::ADDRESS::PORT}. */
  private static Optional<String> webArgumentProblem(List<String> args) {
    if (args.size() != 2) {
      return Optional.of("jhbweb takes two arguments: jhbweb::ADDRESS::PORT (e.g. jhbweb::127.0.0.100::8099)");
    }
    if (!Lexical.isIpv4(args.get(0))) {
      return Optional.of("'" + args.get(0) + "' is not an IPv4 address");
    }
    String port = args.get(1);
    if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
      return Optional.of("port '" + port + "' is not a number from 1 to 65535");
    }
    return Optional.empty();
  }

  /** IPaddr's argument: {@code ADDRESS[/BITS[/INTERFACE[/BROADCAST]]]}. */
  private static Optional<String> ipaddrArgumentProblem(List<String> args) {
    if (args.isEmpty()) {
      return Optional.of("IPaddr needs an address: IPaddr::ADDRESS[/BITS[/INTERFACE[/BROADCAST]]]");
    }
    String[] f = args.get(0).split("/", -1);
    if (!Lexical.isIpv4(f[0])) {
      return Optional.of("'" + f[0] + "' is not an IPv4 address");
    }
    if (f.length > 1 && !(f[1].matches("[0-9]{1,2}") && Integer.parseInt(f[1]) >= 1 && Integer.parseInt(f[1]) <= 32)) {
      return Optional.of("netmask bits '" + f[1] + "' are not a number from 1 to 32");
    }
    if (f.length > 2 && !Lexical.isInterfaceName(f[2])) {
      return Optional.of("'" + f[2] + "' is not a network interface name");
    }
    if (f.length > 3 && !Lexical.isIpv4(f[3])) {
      return Optional.of("broadcast '" + f[3] + "' is not an IPv4 address");
    }
    if (f.length > 4) {
      return Optional.of("too many '/' fields: ADDRESS[/BITS[/INTERFACE[/BROADCAST]]]");
    }
    return Optional.empty();
  }
}
