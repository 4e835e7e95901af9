package org.jheartbeat.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the lines of ha.cf into {@link Setting}s, one per applied value, in file order: the
 * first word of a line is the directive, the rest is split according to its {@link
 * Directive.Form}. Every syntax error is reported with its line; cross-directive rules are
 * {@link HaCfValidator}'s.
 */
final class HaCfParser {
  private HaCfParser() {}

  static List<Setting> parse(Path file, List<String> lines, Problems problems) {
    List<Setting> settings = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      String code = ConfigFile.stripComment(lines.get(i));
      if (code.isEmpty()) {
        continue;
      }
      int split = indexOfBlank(code);
      String keyword = split < 0 ? code : code.substring(0, split);
      String rest = split < 0 ? "" : code.substring(split).strip();
      Optional<Directive> directive = Directives.named(keyword);
      if (directive.isEmpty()) {
        problems.error(file, lineNo, "unknown directive '" + keyword + "'" + suggestion(keyword));
        continue;
      }
      Directive d = directive.get();
      if (rest.isEmpty()) {
        problems.error(file, lineNo, "'" + keyword + "' needs a value: " + d.description());
        continue;
      }
      for (String text : values(d, rest, file, lineNo, problems)) {
        try {
          settings.add(new Setting(d, text, d.parser().parse(text), lineNo));
        } catch (InvalidValueException e) {
          problems.error(file, lineNo, keyword + ": " + e.getMessage());
        }
      }
    }
    return settings;
  }

  private static List<String> values(
      Directive d, String rest, Path file, int lineNo, Problems problems) {
    return switch (d.form()) {
      case LINE -> List.of(rest);
      case LIST -> Lexical.listTokens(rest);
      case SINGLE -> {
        List<String> words = Lexical.words(rest);
        if (words.size() > 1) {
          problems.error(
              file, lineNo, d.name() + ": takes one value, got " + words.size() + ": '" + rest + "'");
          yield List.of();
        }
        yield words;
      }
    };
  }

  private static int indexOfBlank(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ' ' || text.charAt(i) == '\t') {
        return i;
      }
    }
    return -1;
  }

  /**
   * " (did you mean 'x'?)" for a near miss: case, or one or two typing mistakes. Names whose
   * length differs by more than two are skipped before the quadratic distance is computed, so an
   * absurdly long word costs nothing.
   */
  private static String suggestion(String keyword) {
    String lower = keyword.toLowerCase(Locale.ROOT);
    return Directives.all().stream()
        .map(Directive::name)
        .filter(n -> Math.abs(n.length() - lower.length()) <= 2 && editDistance(n, lower) <= 2)
        .min(Comparator.comparingInt(n -> editDistance(n, lower)))
        .map(n -> " (did you mean '" + n + "'?)")
        .orElse("");
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
