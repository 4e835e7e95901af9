package org.jheartbeat.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthKeysTest {
  private static final String SECRET = "Zq9-distinctive-SECRET-kx7";

  @TempDir Path tmp;

  private Path file;
  private Problems problems;

  private Optional<AuthKeys> parse(String text) {
    return parse(text, "rw-------");
  }

  private Optional<AuthKeys> parse(String text, String mode) {
    file = tmp.resolve("authkeys");
    TestConfigs.writeMode(file, text, mode);
    problems = new Problems();
    return AuthKeysParser.parse(file, problems);
  }

  private List<String> errors() {
    return TestConfigs.formatted(problems.list().stream().filter(Problem::isError).toList(), tmp);
  }

  private List<String> warnings() {
    return TestConfigs.formatted(problems.list().stream().filter(p -> !p.isError()).toList(), tmp);
  }

  @Test
  void sha1Md5AndCrc() {
    AuthKeys keys = parse("auth 2\n1 crc\n2 sha1 " + SECRET + "\n3 md5 other\n").orElseThrow();
    assertThat(keys.activeIndex()).isEqualTo(2);
    assertThat(keys.activeLine()).isEqualTo(1);
    assertThat(keys.active()).isEqualTo(new AuthKey(2, AuthMethod.SHA1, Optional.of(SECRET), 3));
    assertThat(keys.key(1)).contains(new AuthKey(1, AuthMethod.CRC, Optional.empty(), 2));
    assertThat(keys.key(3)).contains(new AuthKey(3, AuthMethod.MD5, Optional.of("other"), 4));
    assertThat(keys.key(4)).isEmpty();
    assertThat(keys.sorted().keySet()).containsExactly(1, 2, 3);
    assertThat(errors()).isEmpty();
    assertThat(warnings()).containsExactly("authkeys:2: warning: crc only detects corruption: anyone on the network"
        + " can forge messages; use sha1 with a secret key");
  }

  @Test
  void indexesZeroToFifteen() {
    StringBuilder text = new StringBuilder("auth 0\n");
    for (int i = 0; i <= 15; i++) {
      text.append(i).append(" sha1 key").append(i).append('\n');
    }
    AuthKeys keys = parse(text.toString()).orElseThrow();
    assertThat(keys.keys()).hasSize(16);
    assertThat(keys.active().secret()).contains("key0");
    assertThat(parse("auth 15\n15 md5 k\n").orElseThrow().activeIndex()).isEqualTo(15);
  }

  @Test
  void indexSixteenIsRefused() {
    assertThat(parse("auth 1\n1 sha1 k\n16 sha1 " + SECRET + "\n")).isEmpty();
    assertThat(errors()).containsExactly(
        "authkeys:3: invalid line '16 …': expected 'auth N' or 'N METHOD [KEY]' with N from 0 to 15");
    assertThat(parse("auth 16\n1 sha1 k\n")).isEmpty();
    assertThat(errors()).containsExactly("authkeys:1: expected 'auth N' with N from 0 to 15, got 'auth 16'");
  }

  @Test
  void authAfterTheKeyLineIsRefusedExplainingTheOrder() {
    assertThat(parse("1 sha1 k\nauth 1\n")).isEmpty();
    assertThat(errors()).containsExactly("authkeys:2: 'auth 1' must come before the line that defines key 1 (line 1);"
        + " Heartbeat 3.0.6 refuses the file in this order");
  }

  @Test
  void keyRedefinedAfterAuthIsBound() {
    AuthKeys keys = parse("1 md5 old\nauth 1\n1 sha1 new\n").orElseThrow();
    assertThat(keys.active().method()).isEqualTo(AuthMethod.SHA1);
    assertThat(warnings()).containsExactly("authkeys:3: warning: key 1 is also defined at line 1; this later one wins");
  }

  @Test
  void missingAuthIsRefused() {
    assertThat(parse("1 sha1 k\n")).isEmpty();
    assertThat(errors()).containsExactly(
        "authkeys: no 'auth N' line: name the key that signs outgoing messages, e.g. 'auth 1'");
  }

  @Test
  void authNamingAnUndefinedKeyIsRefused() {
    assertThat(parse("auth 3\n1 sha1 k\n")).isEmpty();
    assertThat(errors()).containsExactly("authkeys:1: 'auth 3' names key 3, which no line defines");
  }

  @Test
  void secondAuthWarnsAndWins() {
    AuthKeys keys = parse("auth 1\nauth 2\n1 sha1 a\n2 sha1 b\n").orElseThrow();
    assertThat(keys.activeIndex()).isEqualTo(2);
    assertThat(warnings()).containsExactly("authkeys:2: warning: auth is also given at line 1; this later one wins");
  }

  @Test
  void crcWithAKeyIsRefused() {
    assertThat(parse("auth 1\n1 crc " + SECRET + "\n")).isEmpty();
    assertThat(errors()).containsExactly("authkeys:2: auth method crc does not use a key: write '1 crc'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"md5", "sha1"})
  void hmacWithoutAKeyIsRefused(String method) {
    assertThat(parse("auth 1\n1 " + method + "\n")).isEmpty();
    assertThat(errors()).containsExactly(
        "authkeys:2: auth method " + method + " requires a key: '1 " + method + " KEY'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha256", "MD5", "Sha1", "CRC"})
  void unknownMethodIsRefused(String method) {
    assertThat(parse("auth 1\n1 " + method + " " + SECRET + "\n")).isEmpty();
    assertThat(errors()).containsExactly(
        "authkeys:2: unknown auth method '" + method + "': expected crc, md5 or sha1 (lower case)");
  }

  @Test
  void keyLineWithoutMethodIsRefused() {
    assertThat(parse("auth 1\n1\n")).isEmpty();
    assertThat(errors()).containsExactly("authkeys:2: key 1 has no method: expected crc, md5 or sha1");
  }

  @Test
  void malformedAuthLinesAreRefused() {
    assertThat(parse("auth\n1 sha1 k\n")).isEmpty();
    assertThat(errors()).first().isEqualTo("authkeys:1: expected 'auth N' with N from 0 to 15, got 'auth'");
    assertThat(parse("authenticate 1\n1 sha1 k\n")).isEmpty();
    assertThat(errors()).first().isEqualTo("authkeys:1: expected 'auth N' with N from 0 to 15, got 'authenticate 1'");
  }

  /** Found by the fuzzer: a key typed over the auth line was shown in the error. */
  @Test
  void refusedAuthLineDoesNotShowTheSecret() {
    assertThat(parse("auth " + SECRET + "\n1 sha1 " + SECRET + "\n")).isEmpty();
    assertThat(errors()).first().isEqualTo(
        "authkeys:1: expected 'auth N' with N from 0 to 15, got 'auth …' (… not shown: it may hold a key)");
    assertThat(parse("a" + SECRET + "\n1 sha1 k\n")).isEmpty();
    assertThat(errors()).first().isEqualTo(
        "authkeys:1: expected 'auth N' with N from 0 to 15, got a line that is not shown (it may hold a key)");
  }

  /** Found by the fuzzer: "1 KEY", the method forgotten, showed the key as the unknown method. */
  @Test
  void keyInThePlaceOfTheMethodIsNotShown() {
    assertThat(parse("auth 1\n1 " + SECRET + "\n")).isEmpty();
    assertThat(errors()).containsExactly(
        "authkeys:2: unknown auth method (not shown: it may be the key): expected crc, md5 or sha1 (lower case) before the key");
    assertThat(parse("auth 1\n1 " + SECRET + " k\n")).isEmpty();
    assertThat(errors()).first().asString().doesNotContain(SECRET);
  }

  /** Found by the fuzzer: a form feed ended a key at the end of a line but not before more words. */
  @Test
  void formFeedEndsAKeyAsInHeartbeatAndOtherControlCharactersBelongToIt() {
    assertThat(parse("auth 1\n1 sha1 KeyOne\f words\n")).isPresent().get()
        .satisfies(k -> assertThat(k.active().secret()).contains("KeyOne"));
    assertThat(parse("auth 1\n1 sha1 KeyOne\f\n")).isPresent().get()
        .satisfies(k -> assertThat(k.active().secret()).contains("KeyOne"));
    assertThat(parse("auth 1\n1 sha1 KeyOne\u001f\n")).isPresent().get()
        .satisfies(k -> assertThat(k.active().secret()).contains("KeyOne\u001f"));
  }

  @Test
  void invalidLineDoesNotShowTheSecret() {
    assertThat(parse("auth 1\n1 sha1 k\nkey " + SECRET + "\n")).isEmpty();
    assertThat(errors()).containsExactly(
        "authkeys:3: invalid line (not shown: it may hold a key): expected 'auth N' or 'N METHOD [KEY]' with N from 0 to 15");
  }

  @Test
  void keyOnALineOfItsOwnIsNotShown() {
    assertThat(parse("auth 1\n1 sha1\n" + SECRET + "\n")).isEmpty();
    assertThat(errors()).containsExactly("authkeys:2: auth method sha1 requires a key: '1 sha1 KEY'",
        "authkeys:3: invalid line (not shown: it may hold a key): expected 'auth N' or 'N METHOD [KEY]' with N from 0 to 15");
  }

  @Test
  void refusedKeyLineDoesNotAlsoReportTheAuthLine() {
    assertThat(parse("auth 1\n1 sha256 k\n")).isEmpty();
    assertThat(errors()).containsExactly("authkeys:2: unknown auth method 'sha256': expected crc, md5 or sha1 (lower case)");
  }

  @Test
  void commentsAndBlankLinesAreSkipped() {
    AuthKeys keys = parse("# keys\n\n   \n\t# indented comment\r\n  auth 1\r\n\t1 sha1 k # trailing\r\n").orElseThrow();
    assertThat(keys.activeLine()).isEqualTo(5);
    assertThat(keys.active().secret()).contains("k");
    assertThat(keys.active().line()).isEqualTo(6);
    assertThat(errors()).isEmpty();
  }

  @Test
  void wordsAfterTheKeyWarn() {
    AuthKeys keys = parse("auth 1\n1 sha1 two words\n").orElseThrow();
    assertThat(keys.active().secret()).contains("two");
    assertThat(warnings()).containsExactly(
        "authkeys:2: warning: words after the key are ignored (a key cannot contain blanks)");
  }

  @Test
  void linesUpTo5120BytesAreAccepted() {
    String key = "k".repeat(5120 - "1 sha1 ".length());
    assertThat(parse("auth 1\n1 sha1 " + key + "\n")).isPresent();
    assertThat(parse("auth 1\n1 sha1 " + key + "k\n")).isEmpty();
    assertThat(errors()).containsExactly("authkeys:2: line is longer than 5120 bytes",
        "authkeys:1: 'auth 1' names key 1, which no line defines");
  }

  @Test
  void readableByOthersIsRefusedWithTheFix() {
    assertThat(parse("auth 1\n1 sha1 k\n", "rw-r--r--")).isEmpty();
    assertThat(errors()).containsExactly("authkeys: group or others can read the keys (mode rw-r--r--);"
        + " Heartbeat refuses this too: run 'chmod 600 CONFIG_DIR/authkeys'");
    assertThat(problems.list().get(0).message()).endsWith("run 'chmod 600 " + file + "'");
  }

  /** Needs root (as CI runs) to give the file away; as another user the case cannot be built. */
  @Test
  void aFileOwnedByAnotherUserIsRefusedWithTheFix() throws IOException {
    assumeTrue(System.getProperty("user.name").equals("root"), "only root can give a file to another user");
    file = tmp.resolve("authkeys");
    TestConfigs.writeMode(file, "auth 1\n1 sha1 k\n", "rw-------");
    Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    problems = new Problems();
    assertThat(AuthKeysParser.parse(file, problems)).isEmpty();
    assertThat(errors()).containsExactly("authkeys: owned by nobody, who could change the keys;"
        + " it must belong to root: run 'chown root CONFIG_DIR/authkeys'");
    assertThat(problems.list().get(0).message()).endsWith("run 'chown root " + file + "'");

    Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root"));
    problems = new Problems();
    assertThat(AuthKeysParser.parse(file, problems)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r-----", "rw----r--", "r--r--r--", "rwxrwxrwx"})
  void anyReadBitForGroupOrOthersIsRefused(String mode) {
    assertThat(parse("auth 1\n1 sha1 k\n", mode)).isEmpty();
    assertThat(errors()).hasSize(1).first().asString().contains("(mode " + mode + ")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-------", "r--------", "rw--w----", "rw--w--w-", "rwx--x--x"})
  void onlyReadBitsAreChecked(String mode) {
    assertThat(parse("auth 1\n1 sha1 k\n", mode)).isPresent();
    assertThat(errors()).isEmpty();
  }

  @Test
  void missingFileIsAnError() {
    problems = new Problems();
    assertThat(AuthKeysParser.parse(tmp.resolve("authkeys"), problems)).isEmpty();
    assertThat(errors()).containsExactly("authkeys: file not found");
  }

  @Test
  void secretNeverAppearsInToStringOrProblems() {
    String text = "auth 1\n1 sha1 " + SECRET + "\n2 md5 " + SECRET + "x\n3 crc " + SECRET + "\n4 MD5 " + SECRET
        + "\n" + SECRET + "\n16 sha1 " + SECRET + "\n";
    parse(text, "rw-r--r--");
    assertThat(problems.list()).isNotEmpty();
    assertThat(problems.list()).allSatisfy(p -> {
      assertThat(p.message()).doesNotContain(SECRET);
      assertThat(p.format()).doesNotContain(SECRET);
    });
    AuthKeys keys = parse("auth 1\n1 sha1 " + SECRET + "\n2 md5 " + SECRET + "\n").orElseThrow();
    assertThat(keys.toString()).doesNotContain(SECRET).contains("<redacted>");
    assertThat(keys.active().toString()).isEqualTo("AuthKey[index=1, method=sha1, secret=<redacted>, line=2]");
    assertThat(keys.keys().toString()).doesNotContain(SECRET);
  }

  @Test
  void loaderReportsAuthkeysProblemsBesideTheOthers() throws IOException {
    ConfigPaths paths = TestConfigs.write(tmp, "node alpha bravo\nbcast eth0\nauto_failback on\nlogfile /var/log/ha-log\n",
        "auth 1\n1 md5\n", null);
    ConfigReport report = ConfigLoader.load(paths, "alpha");
    assertThat(TestConfigs.errors(report, paths)).containsExactly("authkeys:2: auth method md5 requires a key: '1 md5 KEY'");
    assertThat(report.valid()).isFalse();
    Files.writeString(paths.authkeys(), "auth 1\n1 md5 " + SECRET + "\n");
    ConfigReport ok = ConfigLoader.load(paths, "alpha");
    assertThat(ok.valid()).isTrue();
    assertThat(ok.config().orElseThrow().toString()).doesNotContain(SECRET);
  }
}
