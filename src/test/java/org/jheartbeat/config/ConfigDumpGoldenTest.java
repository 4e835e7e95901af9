package org.jheartbeat.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for {@code check-config --dump}: each directory under
 * {@code src/test/resources/dump-golden} holds a configuration (ha.cf, authkeys, maybe
 * haresources and resource.d scripts), {@code local-node.txt} and {@code expected-dump.txt}.
 * The case is copied to a temp dir beside an empty init.d and a services file naming
 * {@code ha-cluster 694/udp}; the temp config dir is written {@code CONFIG_DIR} in the output.
 *
 * <p>To regenerate after an intended change of the dump format, run
 * {@code mvn -o test -Dtest=ConfigDumpGoldenTest -Djheartbeat.regenerate-golden=true}: the actual
 * output is then written to {@code src/test/resources/dump-golden/<case>/expected-dump.txt}
 * (in the source tree, relative to the project directory) instead of being compared. Review the
 * diff before committing.
 */
class ConfigDumpGoldenTest {
  private static final boolean REGENERATE = Boolean.getBoolean("jheartbeat.regenerate-golden");
  private static final Path SOURCE_TREE = Path.of("src/test/resources/dump-golden");
  private static final Set<String> NOT_CONFIG = Set.of("expected-dump.txt", "local-node.txt");
  /** Secrets of the golden authkeys files: none may appear in a dump. */
  private static final Map<String, String> SECRETS = Map.of(
      "tutorial", "74a6a503b5bec9373b22bb630608df41",
      "ucast-mcast", "CurrentSha1SecretKey");

  @TempDir Path tmp;

  static Path golden() throws URISyntaxException {
    return Path.of(ConfigDumpGoldenTest.class.getResource("/dump-golden").toURI());
  }

  static Stream<String> cases() throws IOException, URISyntaxException {
    try (Stream<Path> dirs = Files.list(golden())) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @Test
  void theThreeCasesExist() throws IOException, URISyntaxException {
    assertThat(cases()).containsExactly("minimal", "tutorial", "ucast-mcast");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void dumpMatchesTheGoldenFile(String name) throws IOException, URISyntaxException {
    Loaded loaded = load(golden().resolve(name), tmp.resolve("ha.d"));
    String dump = ConfigDump.render(loaded.config()).replace(loaded.dir().toString(), "CONFIG_DIR");

    if (REGENERATE) {
      Files.writeString(SOURCE_TREE.resolve(name).resolve("expected-dump.txt"), dump);
      return;
    }
    assertThat(dump).isEqualTo(Files.readString(golden().resolve(name).resolve("expected-dump.txt")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void dumpNeverShowsASecret(String name) throws IOException, URISyntaxException {
    Loaded loaded = load(golden().resolve(name), tmp.resolve("ha.d"));
    String dump = ConfigDump.render(loaded.config());
    loaded.config().authKeys().keys().values().forEach(k ->
        k.secret().ifPresent(secret -> assertThat(dump).doesNotContain(secret)));
    if (SECRETS.containsKey(name)) {
      assertThat(dump).doesNotContain(SECRETS.get(name)).contains("<redacted>");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void haCfSectionReadsBackToTheSameConfiguration(String name) throws IOException, URISyntaxException {
    Loaded first = load(golden().resolve(name), tmp.resolve("first"));
    String dump = ConfigDump.render(first.config());
    int start = dump.indexOf("## ha.cf\n");
    int end = dump.indexOf("\n## authkeys\n");
    assertThat(start).isNotNegative();
    assertThat(end).isGreaterThan(start);
    String haCf = dump.substring(start, end);

    Path second = tmp.resolve("second");
    copy(golden().resolve(name), second);
    Files.writeString(second.resolve("ha.cf"), haCf);
    Loaded again = loadDir(second, Files.readString(golden().resolve(name).resolve("local-node.txt")).strip());

    HaCf a = first.config().haCf();
    HaCf b = again.config().haCf();
    assertThat(b.timing()).isEqualTo(a.timing());
    assertThat(b.nodes()).isEqualTo(a.nodes());
    // The dump lists media in table order (bcast, mcast, ucast), not file order.
    assertThat(b.media()).containsExactlyInAnyOrderElementsOf(a.media());
    assertThat(b.pingNodes()).extracting(PingNode::name).isEqualTo(a.pingNodes().stream().map(PingNode::name).toList());
    assertThat(b.autoFailback()).isEqualTo(a.autoFailback());
    assertThat(b.udpPort()).isEqualTo(a.udpPort());
    assertThat(b.logging()).isEqualTo(a.logging());
    assertThat(b.protocol()).isEqualTo(a.protocol());
  }

  @Test
  void tutorialDumpShowsValuesWithTheirLines() throws IOException, URISyntaxException {
    String dump = ConfigDump.render(load(golden().resolve("tutorial"), tmp.resolve("ha.d")).config());
    assertThat(dump).contains("deadtime 15000ms                        # ha.cf:4 (15)\n");
    assertThat(dump).contains("warntime 10000ms                        # ha.cf:5 (10)\n");
    assertThat(dump).contains("1 md5 <redacted>                        # authkeys:2\n");
    assertThat(dump).contains("#watchdog (not set)\n");
  }

  private record Loaded(Path dir, ClusterConfig config) {}

  private Loaded load(Path source, Path dir) throws IOException {
    copy(source, dir);
    return loadDir(dir, Files.readString(source.resolve("local-node.txt")).strip());
  }

  private Loaded loadDir(Path dir, String localNode) throws IOException {
    Path initDir = Files.createDirectories(tmp.resolve("init.d"));
    Path services = Files.writeString(tmp.resolve("services"), "ha-cluster 694/udp\n");
    ConfigReport report = ConfigLoader.load(new ConfigPaths(dir, initDir, services), localNode);
    assertThat(report.errors()).isEmpty();
    return new Loaded(dir, report.config().orElseThrow());
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else if (!NOT_CONFIG.contains(f.getFileName().toString())) {
          Files.copy(f, target);
          boolean script = f.getParent().getFileName().toString().equals("resource.d");
          Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(script ? "rwxr-xr-x" : "rw-------"));
        }
      }
    }
  }
}
