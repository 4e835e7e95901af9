package org.jheartbeat.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The broken-configuration corpus: each directory under {@code src/test/resources/broken-configs}
 * holds {@code ha.cf}, {@code authkeys}, maybe {@code haresources}, and {@code expected.txt}: the
 * exact errors, in report order, as {@link Problem#format()} prints them with the file relative
 * to the case directory and the directory itself written {@code CONFIG_DIR} inside messages.
 * Optional files: {@code expected-warnings.txt} (then warnings are compared too) and
 * {@code authkeys.mode} (octal mode for authkeys, else 600). Each case is loaded for node alpha.
 */
class BrokenConfigCorpusTest {
  private static final Set<String> MARKERS = Set.of("expected.txt", "expected-warnings.txt", "authkeys.mode");

  @TempDir Path tmp;

  static Path corpus() throws URISyntaxException {
    return Path.of(BrokenConfigCorpusTest.class.getResource("/broken-configs").toURI());
  }

  static Stream<String> cases() throws IOException, URISyntaxException {
    try (Stream<Path> dirs = Files.list(corpus())) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @Test
  void corpusIsLargeEnough() throws IOException, URISyntaxException {
    assertThat(cases().count()).isGreaterThanOrEqualTo(35);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyTheExpectedErrors(String name) throws IOException, URISyntaxException {
    Path source = corpus().resolve(name);
    Path dir = tmp.resolve("ha.d");
    copy(source, dir);
    Path authkeys = dir.resolve("authkeys");
    if (Files.isRegularFile(authkeys)) {
      Path modeFile = source.resolve("authkeys.mode");
      String mode = Files.exists(modeFile) ? Files.readString(modeFile).strip() : "600";
      Files.setPosixFilePermissions(authkeys, permissions(mode));
    }
    Path initDir = Files.createDirectories(tmp.resolve("init.d"));
    Path services = Files.writeString(tmp.resolve("services"), "ha-cluster 694/udp\n");

    ConfigPaths paths = new ConfigPaths(dir, initDir, services);
    ConfigReport report = ConfigLoader.load(paths, "alpha");

    assertThat(TestConfigs.errors(report, paths)).as(name).isEqualTo(lines(source.resolve("expected.txt")));
    assertThat(report.valid()).isFalse();
    assertThat(report.config()).isEmpty();
    Path expectedWarnings = source.resolve("expected-warnings.txt");
    if (Files.exists(expectedWarnings)) {
      assertThat(TestConfigs.warnings(report, paths)).as(name + " warnings").isEqualTo(lines(expectedWarnings));
    }
    // No case may leak its key into a message.
    assertThat(report.problems()).allSatisfy(p -> assertThat(p.message()).doesNotContain("CorpusSecretKey"));
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else if (!MARKERS.contains(f.getFileName().toString()) || !f.getParent().equals(from)) {
          Files.copy(f, target);
        }
      }
    }
  }

  private static Set<PosixFilePermission> permissions(String octal) {
    int mode = Integer.parseInt(octal, 8);
    PosixFilePermission[] bits = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
    Set<PosixFilePermission> set = java.util.EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << i)) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }
}
