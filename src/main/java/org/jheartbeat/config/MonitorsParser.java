package org.jheartbeat.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the monitors file: {@code #} comments, one monitored resource per line,
 * {@code RESOURCE [option=value]...} with the options of {@link MonitorOption}. RESOURCE is written
 * as in haresources ({@code httpd}, {@code IPaddr::10.0.0.10/24/eth0}, or a bare address). A
 * resource that appears in several groups needs {@code group=KEY}, naming the group by its first
 * resource; naming one group is otherwise optional. Times are Pacemaker's: a number with
 * {@code ms}, {@code s}, {@code m}/{@code min} or {@code h} ({@code s} when no unit is written).
 * Every problem is reported as {@code FILE:LINE: message}; cross-checks against haresources are
 * skipped when haresources itself could not be read.
 */
public final class MonitorsParser {
  private static final Pattern TIME = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|msec|s|sec|m|min|h|hr)?");
  private static final Pattern BARE_IPV4 = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+.*");
  private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  private static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
  private static final int MAX_THRESHOLD = 1_000_000;

  private MonitorsParser() {}

  /**
   * The monitors of {@code file} (absent file: none), or empty when it has errors.
   *
   * @param haResources the parsed haresources, or empty when it had errors
   */
  public static Optional<Monitors> parse(Path file, Optional<HaResources> haResources, Problems problems) {
    int errorsBefore = errors(problems);
    Optional<List<String>> lines = ConfigFile.readLines(file, problems, false);
    if (lines.isEmpty()) {
      return errors(problems) > errorsBefore ? Optional.empty() : Optional.of(Monitors.none(file));
    }
    List<MonitorSpec> specs = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < lines.get().size(); i++) {
      int line = i + 1;
      List<String> words = Lexical.words(ConfigFile.stripComment(lines.get().get(i)));
      if (words.isEmpty()) {
        continue;
      }
      Optional<Map<MonitorOption, String>> options = options(file, line, words.subList(1, words.size()), problems);
      if (options.isEmpty()) {
        continue;
      }
      line(file, line, words.get(0), options.get(), haResources, problems).ifPresent(spec -> {
        Integer earlier = seen.putIfAbsent(spec.group() + "\u0000" + spec.resource(), line);
        if (earlier != null) {
          problems.error(file, line, "resource '" + spec.resource() + "' of group '" + spec.group()
              + "' is already monitored at line " + earlier);
        } else {
          specs.add(spec);
        }
      });
    }
    return errors(problems) > errorsBefore ? Optional.empty() : Optional.of(new Monitors(file, true, specs));
  }

  private static int errors(Problems problems) {
    return (int) problems.list().stream().filter(Problem::isError).count();
  }

  private static Optional<Map<MonitorOption, String>> options(Path file, int line, List<String> words,
      Problems problems) {
    Map<MonitorOption, String> options = new EnumMap<>(MonitorOption.class);
    boolean ok = true;
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq <= 0) {
        problems.error(file, line, "'" + w + "' is not option=value (options: " + MonitorOption.keys() + ")");
        ok = false;
        continue;
      }
      String key = w.substring(0, eq);
      Optional<MonitorOption> option = MonitorOption.of(key);
      if (option.isEmpty()) {
        problems.error(file, line, "unknown option '" + key + "' (options: " + MonitorOption.keys() + ")");
        ok = false;
      } else if (options.put(option.get(), w.substring(eq + 1)) != null) {
        problems.error(file, line, "option '" + key + "' is given twice");
        ok = false;
      }
    }
    return ok ? Optional.of(options) : Optional.empty();
  }

  private static Optional<MonitorSpec> line(Path file, int line, String resource, Map<MonitorOption, String> o,
      Optional<HaResources> haResources, Problems problems) {
    int before = errors(problems);
    Duration interval = time(file, line, MonitorOption.INTERVAL, o, problems, MIN_INTERVAL);
    Duration timeout = time(file, line, MonitorOption.TIMEOUT, o, problems, MIN_TIMEOUT);
    String onFailText = value(MonitorOption.ON_FAIL, o);
    Optional<OnFail> onFail = OnFail.parse(onFailText);
    if (onFail.isEmpty()) {
      problems.error(file, line, "on-fail '" + onFailText + "' is not restart, failover or ignore");
    }
    int threshold = threshold(file, line, value(MonitorOption.THRESHOLD, o), problems);
    String expireText = value(MonitorOption.EXPIRE, o);
    Duration expire = expireText.equals("never") ? Duration.ZERO
        : time(file, line, MonitorOption.EXPIRE, o, problems, Duration.ZERO);
    if (o.containsKey(MonitorOption.THRESHOLD) && onFail.isPresent() && onFail.get() != OnFail.RESTART) {
      problems.warning(file, line, "threshold has no effect with on-fail=" + onFail.get().word()
          + " (it counts restarts before a failover)");
    }
    Optional<ResourceGroup> group = haResources.flatMap(r -> group(file, line, resource, o.get(MonitorOption.GROUP),
        r, problems));
    if (errors(problems) > before || haResources.isEmpty() || group.isEmpty()) {
      return Optional.empty();
    }
    int index = indexIn(group.get(), resource);
    return Optional.of(new MonitorSpec(group.get().key(), group.get().resources().get(index).text(), index,
        interval, timeout, onFail.get(), threshold, expire, line));
  }

  private static String value(MonitorOption option, Map<MonitorOption, String> o) {
    return o.getOrDefault(option, option.defaultText());
  }

  /** The group that holds the resource, reported as a problem when there is none or more than one. */
  private static Optional<ResourceGroup> group(Path file, int line, String resource, String groupKey,
      HaResources res, Problems problems) {
    if (groupKey != null) {
      Optional<ResourceGroup> g = res.group(groupKey);
      if (g.isEmpty()) {
        problems.error(file, line, "group '" + groupKey + "' is not a group of " + res.file()
            + " (a group is named by its first resource)");
      } else if (indexIn(g.get(), resource) < 0) {
        problems.error(file, line, "resource '" + resource + "' is not in group '" + groupKey + "' ("
            + g.get().text() + ")");
        return Optional.empty();
      }
      return g;
    }
    List<ResourceGroup> holders = res.groups().stream().filter(g -> indexIn(g, resource) >= 0).toList();
    if (holders.isEmpty()) {
      problems.error(file, line, "resource '" + resource + "' is in no group of " + res.file()
          + " (write it as haresources does, e.g. httpd or IPaddr::10.0.0.10/24/eth0)");
      return Optional.empty();
    }
    if (holders.size() > 1) {
      problems.error(file, line, "resource '" + resource + "' is in several groups ("
          + String.join(", ", holders.stream().map(g -> g.key() + " at line " + g.line()).toList())
          + "): say which with group=KEY");
      return Optional.empty();
    }
    return Optional.of(holders.get(0));
  }

  /** The resource's position in the group; a bare address also matches its {@code IPaddr::} form. */
  private static int indexIn(ResourceGroup g, String resource) {
    String alias = BARE_IPV4.matcher(resource).matches() ? "IPaddr::" + resource : resource;
    for (int i = 0; i < g.resources().size(); i++) {
      String text = g.resources().get(i).text();
      String textAlias = BARE_IPV4.matcher(text).matches() ? "IPaddr::" + text : text;
      if (text.equals(resource) || textAlias.equals(alias)) {
        return i;
      }
    }
    return -1;
  }

  private static Duration time(Path file, int line, MonitorOption option, Map<MonitorOption, String> o,
      Problems problems, Duration min) {
    String text = value(option, o);
    Matcher m = TIME.matcher(text);
    if (!m.matches()) {
      problems.error(file, line, option.key() + " '" + text + "' is not a time (write 10s, 500ms, 2min or 1h)");
      return Duration.ZERO;
    }
    BigDecimal n = new BigDecimal(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    BigDecimal millis = switch (unit) {
      case "ms", "msec" -> n;
      case "s", "sec" -> n.movePointRight(3);
      case "m", "min" -> n.multiply(BigDecimal.valueOf(60_000));
      default -> n.multiply(BigDecimal.valueOf(3_600_000));
    };
    if (millis.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      problems.error(file, line, option.key() + " '" + text + "' is too long");
      return Duration.ZERO;
    }
    Duration d = Duration.ofMillis(millis.longValue());
    if (d.compareTo(min) < 0) {
      problems.error(file, line, option.key() + " '" + text + "' is shorter than " + min.toMillis() + "ms");
    }
    return d;
  }

  private static int threshold(Path file, int line, String text, Problems problems) {
    if (!text.matches("[0-9]{1,7}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_THRESHOLD) {
      problems.error(file, line, "threshold '" + text + "' is not a number from 1 to " + MAX_THRESHOLD);
      return 0;
    }
    return Integer.parseInt(text);
  }
}
