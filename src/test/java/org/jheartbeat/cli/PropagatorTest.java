package org.jheartbeat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jheartbeat.platform.ProcessRequest;
import org.jheartbeat.platform.ProcessResult;
import org.jheartbeat.platform.ProcessRunner;
import org.jheartbeat.platform.SystemProcessRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * propagate against simulated nodes: "ssh bravo CMD" runs CMD locally with the remote
 * directory mapped to bravo's own temporary directory, "scp -p FILES bravo:DIR/" copies into
 * it keeping modes.
 */
class PropagatorTest {
  @TempDir Path tmp;
  private Path local;
  private Path remoteDir;
  private Map<String, Path> hosts;
  private final List<String> calls = new ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final SystemProcessRunner shell = new SystemProcessRunner();

  @BeforeEach
  void nodes() throws IOException {
    local = Files.createDirectories(tmp.resolve("alpha"));
    Files.writeString(local.resolve("ha.cf"), "node alpha bravo\n");
    Files.writeString(local.resolve("authkeys"), "auth 1\n1 sha1 secret\n");
    Files.setPosixFilePermissions(local.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
    Files.writeString(local.resolve("haresources"), "alpha 10.0.0.1\n");
    remoteDir = Path.of("/etc/ha.d");
    hosts = Map.of("bravo", Files.createDirectories(tmp.resolve("bravo")));
  }

  @AfterEach
  void close() {
    shell.close();
  }

  private final ProcessRunner fakeNetwork = new ProcessRunner() {
    @Override
    public CompletableFuture<ProcessResult> run(ProcessRequest request) {
      List<String> argv = request.argv();
      calls.add(String.join(" ", argv));
      if (argv.get(0).equals("ssh")) {
        Path dir = hosts.get(argv.get(argv.size() - 2));
        String cmd = argv.get(argv.size() - 1).replace(remoteDir.toString(), dir.toString());
        return shell.run(ProcessRequest.of(Duration.ofSeconds(10), List.of("sh", "-c", cmd)));
      }
      String[] target = argv.get(argv.size() - 1).split(":", 2);
      Path dir = hosts.get(target[0]);
      try {
        for (String f : argv.subList(3, argv.size() - 1)) {
          Path from = Path.of(f);
          Files.copy(from, dir.resolve(from.getFileName()), StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.COPY_ATTRIBUTES);
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return CompletableFuture.completedFuture(new ProcessResult(0, false, Duration.ZERO, "", "", 0, 0));
    }
  };

  private Propagator.Outcome propagate(boolean dryRun, boolean force) throws IOException {
    return new Propagator(fakeNetwork, List.of(), new PrintWriter(out, true))
        .propagate(local, "bravo", remoteDir, dryRun, force);
  }

  @Test
  void aNodeWithoutTheFilesGetsThemWithTheirModes() throws IOException {
    assertThat(propagate(false, false)).isEqualTo(Propagator.Outcome.COPIED);
    Path bravo = hosts.get("bravo");
    assertThat(bravo.resolve("ha.cf")).hasSameTextualContentAs(local.resolve("ha.cf"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bravo.resolve("authkeys")))).isEqualTo("rw-------");
    assertThat(out.toString()).contains("bravo: copied ha.cf, authkeys, haresources");
    assertThat(propagate(false, false)).isEqualTo(Propagator.Outcome.UP_TO_DATE);
  }

  @Test
  void theMonitorsFileIsCopiedWhenThisNodeHasOne() throws IOException {
    Files.writeString(local.resolve("monitors"), "10.0.0.1 interval=5s\n");
    assertThat(propagate(false, false)).isEqualTo(Propagator.Outcome.COPIED);
    assertThat(out.toString()).contains("bravo: copied ha.cf, authkeys, haresources, monitors");
    assertThat(hosts.get("bravo").resolve("monitors")).hasSameTextualContentAs(local.resolve("monitors"));
  }

  @Test
  void aDryRunCopiesNothing() throws IOException {
    assertThat(propagate(true, false)).isEqualTo(Propagator.Outcome.WOULD_COPY);
    assertThat(hosts.get("bravo").resolve("ha.cf")).doesNotExist();
    assertThat(out.toString()).contains("bravo: would copy ha.cf, authkeys, haresources (scp -p -q ");
  }

  @Test
  void aNodeWhoseFilesDifferIsRefusedUnlessForced() throws IOException {
    Files.writeString(hosts.get("bravo").resolve("ha.cf"), "node alpha bravo charlie\n");
    assertThat(propagate(false, false)).isEqualTo(Propagator.Outcome.REFUSED);
    assertThat(hosts.get("bravo").resolve("ha.cf")).content().contains("charlie");
    assertThat(out.toString()).contains("bravo: refused: its ha.cf differ from ours");
    assertThat(propagate(false, true)).isEqualTo(Propagator.Outcome.COPIED);
    assertThat(hosts.get("bravo").resolve("ha.cf")).content().doesNotContain("charlie");
  }

  @Test
  void remoteShellCommandsQuoteThePath() {
    assertThat(Propagator.quote("/etc/it's")).isEqualTo("'/etc/it'\\''s'");
    assertThat(Propagator.parseDigests("0".repeat(64) + "  ha.cf\nbogus\n")).containsOnlyKeys("ha.cf");
  }
}
