package org.jheartbeat.daemon;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.config.LineValues;
import org.jheartbeat.platform.ProcessRunner;
import org.jheartbeat.resources.Fencer;
import org.jheartbeat.resources.StonithFencer;

/**
 * The STONITH devices of ha.cf for this node (spec membership §4.1): {@code stonith TYPE FILE}
 * as it is, then every {@code stonith_host} line for this node or {@code *} (lines for other
 * hosts are ignored, as Heartbeat ignores them) with its parameters written, owner-only, to
 * {@code RUN-DIR/stonith_host-N.cfg} for {@code stonith -F} (cluster-glue reads the same
 * positional syntax from the file as from {@code -p}, which would show passwords in {@code ps}).
 * No device gives {@link Fencer#NO_DEVICE}. The files hold device passwords, so the daemon
 * removes them when it stops ({@link #removeParameterFiles}).
 */
final class StonithDevices {
  /** How long one {@code stonith -T reset} may take before its process tree is killed. */
  static final Duration RESET_TIMEOUT = Duration.ofSeconds(60);

  private static final String PARAMETER_FILES = "stonith_host-*.cfg";

  private StonithDevices() {}

  static Fencer fencer(HaCf cf, Path runDir, ProcessRunner runner, Executor loop) throws IOException {
    List<StonithFencer.Device> devices = devices(cf, runDir);
    if (devices.isEmpty()) {
      return Fencer.NO_DEVICE;
    }
    return new StonithFencer(devices, StonithFencer.STONITH, runner, loop, RESET_TIMEOUT);
  }

  /** Deletes the {@code stonith_host} parameter files {@link #devices} wrote into {@code runDir}. */
  static void removeParameterFiles(Path runDir) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(runDir, PARAMETER_FILES)) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    }
  }

  static List<StonithFencer.Device> devices(HaCf cf, Path runDir) throws IOException {
    List<StonithFencer.Device> devices = new ArrayList<>();
    cf.fencing().stonith().ifPresent(s -> devices.add(new StonithFencer.Device(s.type(), Path.of(s.configFile()))));
    int n = 0;
    for (LineValues.StonithHost h : cf.fencing().stonithHosts()) {
      n++;
      if (!h.host().equals("*") && !h.host().equalsIgnoreCase(cf.localNode())) {
        continue;
      }
      Path file = runDir.resolve("stonith_host-" + n + ".cfg");
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, String.join(" ", h.params()) + "\n");
      devices.add(new StonithFencer.Device(h.type(), file));
    }
    return List.copyOf(devices);
  }
}
