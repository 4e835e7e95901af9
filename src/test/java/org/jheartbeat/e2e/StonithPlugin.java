package org.jheartbeat.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The test STONITH plugin {@code external/jhb-netns} (src/test/resources/stonith/jhb-netns: powers
 * a lab node off by cutting its switch ports, SIGKILLing its processes and removing its VIPs),
 * made visible to one daemon only: a temporary copy of cluster-glue's external plugin directory
 * plus the plugin, bind-mounted over {@value #PLUGIN_DIR} in a private mount namespace that the
 * {@link #launcher()} prefix gives a jheartbeat daemon, or in the mount namespace of a real
 * Heartbeat node's holder ({@link #mountInto}). Nothing is written to the root filesystem's
 * plugin directory; the mounts disappear with the daemon's process or the holder.
 * {@link #close()} deletes the copy.
 */
final class StonithPlugin implements AutoCloseable {
  static final String PLUGIN_DIR = "/usr/lib/stonith/plugins/external";
  static final String TYPE = "external/jhb-netns";

  private final Path dir;

  private StonithPlugin(Path dir) {
    this.dir = dir;
  }

  /** Whether cluster-glue's stonith command and plugin directory are installed. */
  static boolean available() {
    return Files.isExecutable(Path.of("/usr/sbin/stonith")) && Files.isDirectory(Path.of(PLUGIN_DIR))
        && Files.isExecutable(Path.of("/usr/bin/unshare"));
  }

  static StonithPlugin install() {
    try {
      Path dir = Files.createTempDirectory("jhb-fen-plugins-");
      try (Stream<Path> originals = Files.list(Path.of(PLUGIN_DIR))) {
        for (Path p : originals.toList()) {
          Files.copy(p, dir.resolve(p.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
      Path plugin = dir.resolve("jhb-netns");
      try (InputStream in = StonithPlugin.class.getResourceAsStream("/stonith/jhb-netns")) {
        if (in == null) {
          throw new IllegalStateException("test resource stonith/jhb-netns missing");
        }
        Files.copy(in, plugin);
      }
      Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
      return new StonithPlugin(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The {@code stonith_host} line that fences either node of the lab {@code prefix}; the lab's
   * namespace files are named through this JVM's root ({@code /proc/PID/root/run/netns}), which
   * a daemon with a private {@code /run} can still reach.
   */
  static String stonithHost(String prefix) {
    return "stonith_host * " + TYPE + " " + prefix + " " + Walkthrough.N1 + "=n1," + Walkthrough.N2 + "=n2 /proc/"
        + ProcessHandle.current().pid() + "/root/run/netns\n";
  }

  /** The argv prefix that runs a command with the plugin directory overlaid (private mount namespace). */
  List<String> launcher() {
    return List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
        "mount --bind \"$0\" " + PLUGIN_DIR + " && exec \"$@\"", dir.toString());
  }

  /**
   * Makes the plugin visible to a real Heartbeat node: bind-mounts the copy over {@value
   * #PLUGIN_DIR} in the node holder's private mount namespace (the holder's own {@code /run}
   * hides the lab's namespace files; the plugin reaches them as {@link #stonithHost} names them).
   */
  void mountInto(RealHeartbeatNode node) {
    node.exec(Duration.ofSeconds(10), "mount", "--bind", dir.toString(), PLUGIN_DIR)
        .requireSuccess("bind-mount the STONITH plugins into " + node.name());
  }

  @Override
  public void close() {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("StonithPlugin: could not delete " + dir + ": " + e);
    }
  }
}
