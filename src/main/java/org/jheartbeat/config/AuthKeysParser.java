package org.jheartbeat.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses and checks authkeys as Heartbeat 3.0.6 does (spec wire §4.1): {@code auth N} picks
 * the outgoing key and must come before the line defining key N; key lines are {@code N crc},
 * {@code N md5 KEY} or {@code N sha1 KEY} with N from 0 to 15; lines are at most 5120 bytes; and
 * the file must not be readable by group or others, since anyone who reads it can forge cluster
 * messages. It must also belong to root or to the user this process runs as: another owner could
 * change the keys (or the mode) at any time without the administrator noticing.
 */
public final class AuthKeysParser {
  static final int MAX_LINE_BYTES = 5120;
  /** Longer words in the method's place are not echoed: they are more likely keys than typos. */
  private static final int MAX_SHOWN_METHOD = 12;

  private AuthKeysParser() {}

  /** The validated keys, or empty when an error was reported. */
  public static Optional<AuthKeys> parse(Path file, Problems problems) {
    boolean hadErrors = problems.hasErrors();
    Optional<List<String>> lines = ConfigFile.readLines(file, problems, true);
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    checkMode(file, problems);
    checkOwner(file, problems);
    Optional<AuthKeys> keys = parseLines(file, lines.get(), problems);
    return problems.hasErrors() || hadErrors ? Optional.empty() : keys;
  }

  private static void checkMode(Path file, Problems problems) {
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException | IOException e) {
      return;
    }
    if (perms.contains(PosixFilePermission.GROUP_READ)
        || perms.contains(PosixFilePermission.OTHERS_READ)) {
      problems.error(file, 0, "group or others can read the keys (mode "
          + java.nio.file.attribute.PosixFilePermissions.toString(perms)
          + "); Heartbeat refuses this too: run 'chmod 600 " + file + "'");
    }
  }

  private static void checkOwner(Path file, Problems problems) {
    String owner;
    try {
      owner = Files.getOwner(file).getName();
    } catch (UnsupportedOperationException | IOException e) {
      return;
    }
    String me = System.getProperty("user.name");
    if (!owner.equals("root") && !owner.equals(me)) {
      problems.error(file, 0, "owned by " + owner + ", who could change the keys; it must belong to root"
          + (me.equals("root") ? "" : " or " + me) + ": run 'chown root " + file + "'");
    }
  }

  private static Optional<AuthKeys> parseLines(Path file, List<String> lines, Problems problems) {
    Map<Integer, AuthKey> keys = new HashMap<>();
    Integer active = null;
    int activeLine = 0;
    boolean activeBound = false;
    // Indexes whose key line was refused: "no line defines" them would mislead.
    Set<Integer> rejected = new java.util.HashSet<>();
    boolean authRefused = false;
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      String raw = lines.get(i).replace("\r", "");
      if (raw.getBytes(StandardCharsets.ISO_8859_1).length > MAX_LINE_BYTES) {
        problems.error(file, lineNo, "line is longer than " + MAX_LINE_BYTES + " bytes");
        continue;
      }
      String line = Lexical.trimCSpace(raw);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> w = Lexical.cWords(line);
      if (line.startsWith("a")) {
        Optional<Integer> index = w.size() == 2 && w.get(0).equals("auth") ? index(w.get(1)) : Optional.empty();
        if (index.isEmpty()) {
          problems.error(file, lineNo, "expected 'auth N' with N from 0 to " + AuthKeys.MAX_INDEX + ", got "
              + redactAuthLine(w));
          authRefused = true;
          continue;
        }
        if (active != null) {
          problems.warning(file, lineNo, "auth is also given at line " + activeLine + "; this later one wins");
        }
        active = index.get();
        activeLine = lineNo;
        activeBound = false;
        continue;
      }
      Optional<AuthKey> key = keyLine(file, lineNo, line, w, problems);
      if (key.isEmpty()) {
        index(w.get(0)).ifPresent(rejected::add);
        continue;
      }
      AuthKey k = key.get();
      AuthKey earlier = keys.put(k.index(), k);
      if (earlier != null) {
        problems.warning(file, lineNo, "key " + k.index() + " is also defined at line " + earlier.line() + "; this later one wins");
      }
      if (active != null && active == k.index()) {
        activeBound = true;
      }
    }
    if (active == null) {
      if (authRefused) {
        return Optional.empty(); // the refused auth line is already reported
      }
      problems.error(file, 0, "no 'auth N' line: name the key that signs outgoing messages, e.g. 'auth 1'");
      return Optional.empty();
    }
    if (!activeBound) {
      AuthKey defined = keys.get(active);
      if (defined == null && rejected.contains(active)) {
        return Optional.empty();
      }
      problems.error(file, activeLine, defined != null
          ? "'auth " + active + "' must come before the line that defines key " + active
              + " (line " + defined.line() + "); Heartbeat 3.0.6 refuses the file in this order"
          : "'auth " + active + "' names key " + active + ", which no line defines");
      return Optional.empty();
    }
    return Optional.of(new AuthKeys(file, active, activeLine, keys));
  }

  private static Optional<AuthKey> keyLine(
      Path file, int lineNo, String line, List<String> w, Problems problems) {
    Optional<Integer> index = index(w.get(0));
    if (index.isEmpty()) {
      problems.error(file, lineNo, "invalid line " + redact(w) + ": expected 'auth N' or 'N METHOD [KEY]'"
          + " with N from 0 to " + AuthKeys.MAX_INDEX);
      return Optional.empty();
    }
    if (w.size() < 2) {
      problems.error(file, lineNo, "key " + index.get() + " has no method: expected crc, md5 or sha1");
      return Optional.empty();
    }
    Optional<AuthMethod> method = AuthMethod.parse(w.get(1));
    if (method.isEmpty()) {
      // "1 KEY" (the method forgotten) puts the key where the method goes: show the word only
      // when a key follows it and it is short enough to be a mistyped method name.
      boolean shown = w.size() > 2 && w.get(1).length() <= MAX_SHOWN_METHOD;
      problems.error(file, lineNo, "unknown auth method " + (shown ? "'" + w.get(1) + "'" : "(not shown: it may be the key)")
          + ": expected crc, md5 or sha1 (lower case)" + (shown ? "" : " before the key"));
      return Optional.empty();
    }
    AuthMethod m = method.get();
    Optional<String> secret = w.size() > 2 ? Optional.of(w.get(2)) : Optional.empty();
    if (m.needsKey() && secret.isEmpty()) {
      problems.error(file, lineNo, "auth method " + m.configName() + " requires a key: '" + index.get() + " " + m.configName() + " KEY'");
      return Optional.empty();
    }
    if (!m.needsKey() && secret.isPresent()) {
      problems.error(file, lineNo, "auth method crc does not use a key: write '" + index.get() + " crc'");
      return Optional.empty();
    }
    if (w.size() > 3 && !w.get(3).startsWith("#")) {
      problems.warning(file, lineNo, "words after the key are ignored (a key cannot contain blanks)");
    }
    if (m == AuthMethod.CRC) {
      problems.warning(file, lineNo, "crc only detects corruption: anyone on the network can forge messages;"
          + " use sha1 with a secret key");
    }
    return Optional.of(new AuthKey(index.get(), m, secret, lineNo));
  }

  private static Optional<Integer> index(String word) {
    if (!word.matches("[0-9]{1,2}")) {
      return Optional.empty();
    }
    int n = Integer.parseInt(word);
    return n <= AuthKeys.MAX_INDEX ? Optional.of(n) : Optional.empty();
  }

  /**
   * A refused line that starts with "a" may be a key pasted over the auth line ("auth KEY", or a
   * key of its own that begins with "a"): show the first word only when it starts with "auth",
   * and the others only when they are numbers.
   */
  private static String redactAuthLine(List<String> words) {
    if (!words.get(0).startsWith("auth")) {
      return "a line that is not shown (it may hold a key)";
    }
    StringBuilder shown = new StringBuilder(words.get(0));
    boolean hidden = false;
    for (String w : words.subList(1, words.size())) {
      hidden |= !w.matches("[0-9]+");
      shown.append(' ').append(w.matches("[0-9]+") ? w : "…");
    }
    return "'" + shown + "'" + (hidden ? " (… not shown: it may hold a key)" : "");
  }

  /**
   * An invalid line may hold a key, even as its first word (a key pasted on a line of its own):
   * show only a numeric first word, which cannot be a secret worth hiding.
   */
  private static String redact(List<String> words) {
    if (!words.get(0).matches("[0-9]+")) {
      return "(not shown: it may hold a key)";
    }
    return "'" + (words.size() > 1 ? words.get(0) + " …" : words.get(0)) + "'";
  }
}
