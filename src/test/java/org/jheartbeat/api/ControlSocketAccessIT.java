package org.jheartbeat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real cl_status tool (the packaged jar) run as user nobody against a control server of
 * this (root) JVM: refused by the socket file's mode with a clear reason, refused by its peer
 * credentials when the mode is widened, and answered when it runs with group haclient.
 */
class ControlSocketAccessIT {
  private static final Path HOME = Path.of(System.getProperty("jheartbeat.home", "."));

  @TempDir Path runDir;

  record Result(int exitCode, String out) {}

  @Test
  void clStatusAsAnotherUserIsRefusedWithAReasonAndAnsweredWithGroupHaclient() throws Exception {
    assumeTrue(System.getProperty("user.name").equals("root") && Files.isExecutable(Path.of("/usr/bin/setpriv")),
        "needs root and setpriv to run the tool as another user");
    List<List<String>> handled = new CopyOnWriteArrayList<>();
    try (ControlServer server = ControlServer.start(runDir, request -> {
      handled.add(request);
      return new ControlClient.Reply(List.of(new ControlClient.Line(false, "Heartbeat is running on this machine.")), 0);
    })) {
      Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwx--x--x"));

      Result byMode = clStatusAs("65534");
      assertThat(byMode.exitCode()).isEqualTo(1);
      assertThat(byMode.out()).contains("cl_status: [", "ERROR: Cannot signon with heartbeat",
          "ERROR: REASON: permission denied on " + ControlSocket.in(runDir)
              + ": only root and members of group haclient may use it");

      Files.setPosixFilePermissions(ControlSocket.in(runDir), PosixFilePermissions.fromString("rw-rw-rw-"));
      Result byCredentials = clStatusAs("65534");
      assertThat(byCredentials).isEqualTo(new Result(1,
          "permission denied: user nobody is not root and not in group haclient\n"));
      assertThat(handled).isEmpty();

      Optional<String> haclient = Files.readAllLines(Path.of("/etc/group")).stream().map(l -> l.split(":"))
          .filter(f -> f.length >= 3 && f[0].equals(ControlAccess.GROUP)).map(f -> f[2]).findFirst();
      if (haclient.isPresent()) {
        Files.setPosixFilePermissions(ControlSocket.in(runDir), PosixFilePermissions.fromString("rw-rw----"));
        assertThat(clStatusAs(haclient.get())).isEqualTo(new Result(0, "Heartbeat is running on this machine.\n"));
        assertThat(handled).containsExactly(List.of("cl_status", "hbstatus"));
      }
    }
  }

  private Result clStatusAs(String gid) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=" + gid, "--clear-groups",
        java, "-jar", HOME.resolve("target/jheartbeat.jar").toAbsolutePath().toString(),
        "cl_status", "--run-dir", runDir.toString(), "hbstatus"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
