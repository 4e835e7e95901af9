package org.jheartbeat.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Line- and field-level mutations for the line-oriented config files, stacked one to four deep
 * (see {@link #stack}): swap, duplicate or drop lines; take a line from another seed or the dictionary; swap,
 * duplicate, drop or replace fields; put a huge, negative, fractional or unit-suffixed number in a
 * field; odd whitespace (tabs, CR, form feed, vertical tab, NBSP, a trailing backslash); bytes
 * that are not UTF-8; a very long line or field; NUL; a stray {@code #}. Text is handled as
 * ISO-8859-1, which maps each byte to one char and back, so no byte is lost on the way.
 */
final class TextMutator {
  private static final String[] NUMBERS = {"0", "-1", "1", "2147483647", "2147483648", "4294967296",
      "9223372036854775807", "9223372036854775808", "99999999999999999999999999", "0.5", "1.5e3", "1e9",
      "0x10", "010", "1.", ".5", "NaN", "100ms", "100us", "2s", "3h", "-0", "+1", "1,5", "65535", "65536"};
  private static final String[] BLANKS = {"\t", "  ", " \t ", "\r", "\f", "\u000B", "\u00A0", "\u0085", "\u3000"};
  private static final String[] JUNK = {"\u0000", "\u00FF\u00FE", "\u00C3", "\u00E9", "\u0080", "\\", "#", "=", "::",
      "/", ",", "\u00C3\u0028", "\u00ED\u00A0\u0080"};

  private final List<String> dictionary;

  /** @param dictionary whole lines to insert (directives and values seen in the corpus) */
  TextMutator(List<String> dictionary) {
    this.dictionary = List.copyOf(dictionary);
  }

  byte[] mutate(byte[] input, List<byte[]> seeds, RandomGenerator r) {
    List<String> lines = lines(input);
    for (int n = stack(r); n > 0; n--) {
      once(lines, seeds, r);
    }
    String sep = r.nextInt(20) == 0 ? "\r\n" : "\n";
    String text = String.join(sep, lines) + (r.nextInt(10) == 0 ? "" : sep);
    return text.getBytes(ISO_8859_1);
  }

  /** How many mutations to stack: one half of the time, so that many cases stay near a valid input. */
  static int stack(RandomGenerator r) {
    return r.nextBoolean() ? 1 : 2 + r.nextInt(3);
  }

  private void once(List<String> lines, List<byte[]> seeds, RandomGenerator r) {
    if (lines.isEmpty()) {
      lines.add("");
    }
    int i = r.nextInt(lines.size());
    switch (r.nextInt(12)) {
      case 0 -> {
        int j = r.nextInt(lines.size());
        String t = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, t);
      }
      case 1 -> lines.add(r.nextInt(lines.size() + 1), lines.get(i));
      case 2 -> lines.remove(i);
      case 3 -> {
        List<String> other = lines(seeds.get(r.nextInt(seeds.size())));
        if (!other.isEmpty()) {
          lines.add(r.nextInt(lines.size() + 1), other.get(r.nextInt(other.size())));
        }
      }
      case 4 -> {
        if (!dictionary.isEmpty()) {
          lines.add(r.nextInt(lines.size() + 1), dictionary.get(r.nextInt(dictionary.size())));
        }
      }
      case 5 -> lines.set(i, fields(lines.get(i), r));
      case 6 -> lines.set(i, number(lines.get(i), r));
      case 7 -> lines.set(i, whitespace(lines.get(i), r));
      case 8 -> lines.set(i, insertAt(lines.get(i), JUNK[r.nextInt(JUNK.length)], r));
      case 9 -> lines.set(i, longer(lines.get(i), r));
      case 10 -> lines.set(i, lines.get(i) + (r.nextBoolean() ? "\\" : " #" + lines.get(i)));
      default -> {
        List<String> w = words(lines.get(i));
        lines.set(i, String.join(" ", w) + " " + NUMBERS[r.nextInt(NUMBERS.length)]);
      }
    }
  }

  /** Swap, duplicate, drop or replace one blank-separated field of the line. */
  private String fields(String line, RandomGenerator r) {
    List<String> w = new ArrayList<>(words(line));
    if (w.isEmpty()) {
      return line;
    }
    int i = r.nextInt(w.size());
    switch (r.nextInt(4)) {
      case 0 -> {
        int j = r.nextInt(w.size());
        String t = w.get(i);
        w.set(i, w.get(j));
        w.set(j, t);
      }
      case 1 -> w.add(r.nextInt(w.size() + 1), w.get(i));
      case 2 -> w.remove(i);
      default -> {
        List<String> donor = dictionary.isEmpty() ? List.of("x") : words(dictionary.get(r.nextInt(dictionary.size())));
        w.set(i, donor.isEmpty() ? "" : donor.get(r.nextInt(donor.size())));
      }
    }
    return String.join(" ", w);
  }

  private static String number(String line, RandomGenerator r) {
    List<String> w = new ArrayList<>(words(line));
    String n = NUMBERS[r.nextInt(NUMBERS.length)];
    for (int k = 0; k < w.size(); k++) {
      if (!w.get(k).isEmpty() && Character.isDigit(w.get(k).charAt(0))) {
        w.set(k, r.nextBoolean() ? n : ByteMutator.boundary(leadingDigits(w.get(k)), 0, r));
        return String.join(" ", w);
      }
    }
    w.add(n);
    return String.join(" ", w);
  }

  private static String leadingDigits(String word) {
    int end = 0;
    while (end < word.length() && end < 18 && Character.isDigit(word.charAt(end))) {
      end++;
    }
    return word.substring(0, end);
  }

  private static String whitespace(String line, RandomGenerator r) {
    String blank = BLANKS[r.nextInt(BLANKS.length)];
    return switch (r.nextInt(3)) {
      case 0 -> line.replaceFirst(" ", blank);
      case 1 -> blank + line;
      default -> line + blank;
    };
  }

  private static String longer(String line, RandomGenerator r) {
    int size = r.nextBoolean() ? 5000 + r.nextInt(200) : 1 + r.nextInt(70_000);
    String filler = r.nextBoolean() ? "a" : (line.isEmpty() ? "x " : line + " ");
    String repeated = filler.repeat(size / filler.length() + 1).substring(0, size);
    return r.nextBoolean() ? line + " " + repeated : repeated;
  }

  private static String insertAt(String line, String what, RandomGenerator r) {
    int at = r.nextInt(line.length() + 1);
    return line.substring(0, at) + what + line.substring(at);
  }

  private static List<String> words(String line) {
    return Arrays.stream(line.strip().split("[ \t]+")).filter(s -> !s.isEmpty()).toList();
  }

  /** The lines of {@code text}; a final newline ends the last line instead of starting an empty one. */
  static List<String> lines(byte[] text) {
    List<String> lines = new ArrayList<>(Arrays.asList(new String(text, ISO_8859_1).split("\n", -1)));
    if (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }
}
