package org.jheartbeat.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/jheartbeat in a copy of the repository with nothing built, as after a fresh clone: the
 * first call builds the jar, later calls reuse it until a source changes, and the Heartbeat
 * tool links run the same program. Runs real Maven, so it lives with the integration tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherIT {
  @TempDir static Path clone;
  static Path tutorial;

  record Result(int exitCode, String out, String err) {}

  @BeforeAll
  static void copyRepositoryWithoutBuildOutput() throws IOException {
    Path home = Path.of(System.getProperty("jheartbeat.home", "."));
    for (String part : List.of("pom.xml", "bin", "src/main", "examples")) {
      copyTree(home.resolve(part), clone.resolve(part));
    }
    tutorial = clone.resolve("tutorial-copy");
    copyTree(clone.resolve("examples/tutorial"), tutorial);
    // What git gives a fresh clone: no 0600 mode.
    Files.setPosixFilePermissions(tutorial.resolve("authkeys"), PosixFilePermissions.fromString("rw-r--r--"));
  }

  @Test
  @Order(1)
  void firstUseBuildsTheJarThenChecksTheConfiguration() throws Exception {
    assertThat(clone.resolve("target")).doesNotExist();
    Result refused = run("bin/jheartbeat", "check-config", "-c", tutorial.toString());
    assertThat(refused.err()).contains("jheartbeat: building");
    assertThat(refused.err()).contains("run 'chmod 600 " + tutorial.resolve("authkeys") + "'");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(clone.resolve("target/jheartbeat.jar")).isRegularFile();

    Files.setPosixFilePermissions(tutorial.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
    Result accepted = run("bin/jheartbeat", "check-config", "-c", tutorial.toString());
    assertThat(accepted.err()).doesNotContain("jheartbeat: building");
    assertThat(accepted.out()).isEqualTo(tutorial + ": configuration is valid (" + accepted.err().lines().count() + " warning(s))\n");
    assertThat(accepted.exitCode()).isZero();
  }

  @Test
  @Order(2)
  void theHeartbeatToolLinksRunTheSameProgram() throws Exception {
    Result status = run("bin/cl_status", "hbstatus");
    assertThat(status.out()).isEqualTo("Heartbeat is stopped on this machine.\n");
    assertThat(status.exitCode()).isEqualTo(1);

    Result standby = run("bin/hb_standby", "nonsense");
    assertThat(standby.out()).startsWith("hb_standby: wrong resources(nonsense).");
    assertThat(standby.exitCode()).isEqualTo(1);
  }

  @Test
  @Order(3)
  void aSourceNewerThanTheJarTriggersARebuild() throws Exception {
    Path main = clone.resolve("src/main/java/org/jheartbeat/cli/Main.java");
    Files.setLastModifiedTime(main, FileTime.from(Instant.now().plusSeconds(5)));
    Result rebuilt = run("bin/jheartbeat", "--version");
    assertThat(rebuilt.err()).contains("jheartbeat: building");
    assertThat(rebuilt.out()).startsWith("jheartbeat ");
    assertThat(rebuilt.exitCode()).isZero();
  }

  private static Result run(String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(clone.toFile());
    pb.environment().put("JHEARTBEAT_RUN_DIR", clone.resolve("run").toString());
    Path out = Files.createTempFile(clone, "out", ".txt");
    Path err = Files.createTempFile(clone, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", command));
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(from)) {
      walk.forEach(paths::add);
    }
    for (Path p : paths) {
      Path target = to.resolve(from.relativize(p).toString());
      if (Files.isSymbolicLink(p)) {
        Files.createDirectories(target.getParent());
        Files.createSymbolicLink(target, Files.readSymbolicLink(p));
      } else if (Files.isDirectory(p)) {
        Files.createDirectories(target);
      } else {
        Files.createDirectories(target.getParent());
        Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }
}
