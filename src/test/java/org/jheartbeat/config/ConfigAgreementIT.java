package org.jheartbeat.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jheartbeat accepts exactly the configurations the real Heartbeat 3.0.6 accepts: each case
 * under src/test/resources/agreement is given to the real daemon (in a private namespace and
 * mounts, via e2e/real-heartbeat-accepts.sh) and to our loader, and the verdicts must agree.
 * Needs root and the Debian heartbeat package, which the test command installs.
 */
class ConfigAgreementIT {
  private static final Path CASES = Path.of("src/test/resources/agreement");
  private static final Path SCRIPT = Path.of("src/test/resources/e2e/real-heartbeat-accepts.sh");

  @TempDir Path dir;

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CASES)) {
      return dirs.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sameVerdictAsTheRealDaemon(String name) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/libexec/heartbeat/heartbeat")), "heartbeat package not installed");
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
    List<String> real = realVerdict(CASES.resolve(name));

    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.copy(CASES.resolve(name).resolve("ha.cf"), etc.resolve("ha.cf"));
    Files.writeString(etc.resolve("ha.cf"), "logfile /var/log/ha-log\n", StandardOpenOption.APPEND);
    Files.copy(CASES.resolve(name).resolve("authkeys"), etc.resolve("authkeys"));
    Files.setPosixFilePermissions(etc.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
    ConfigReport ours = ConfigLoader.load(new ConfigPaths(etc, dir, dir.resolve("services")), "alpha");

    boolean realAccepts = real.get(0).equals("accepted");
    assertThat(ours.valid())
        .as("real Heartbeat says %s; jheartbeat reports %s", real, ours.errors())
        .isEqualTo(realAccepts);
  }

  private List<String> realVerdict(Path caseDir) throws Exception {
    Path out = dir.resolve("real.txt");
    Process p = new ProcessBuilder(SCRIPT.toAbsolutePath().toString(), caseDir.toAbsolutePath().toString(), "jhb-agree")
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the real daemon did not answer for " + caseDir);
    }
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines).as("script output").isNotEmpty();
    return lines;
  }
}
