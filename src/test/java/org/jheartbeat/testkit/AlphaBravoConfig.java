package org.jheartbeat.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jheartbeat.config.ConfigLoader;
import org.jheartbeat.config.ConfigPaths;
import org.jheartbeat.config.ConfigReport;

/**
 * The smallest valid configuration of the two nodes {@code alpha} and {@code bravo}, as read by
 * {@code alpha}: ha.cf (keepalive 1, deadtime 10, bcast eth1, both nodes, then {@code extra}),
 * an owner-only sha1 authkeys and haresources {@code alpha 10.0.0.10}, written into a directory
 * and loaded as the daemon loads them.
 */
public final class AlphaBravoConfig {
  private AlphaBravoConfig() {}

  public static ConfigReport load(Path dir, String extra) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("ha.cf"), "keepalive 1\ndeadtime 10\nbcast eth1\nnode alpha\nnode bravo\n" + extra);
    Path keys = dir.resolve("authkeys");
    Files.writeString(keys, "auth 1\n1 sha1 secret\n");
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(dir.resolve("haresources"), "alpha 10.0.0.10\n");
    return ConfigLoader.load(ConfigPaths.of(dir), "alpha");
  }
}
