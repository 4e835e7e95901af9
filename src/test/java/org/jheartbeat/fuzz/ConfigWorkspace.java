package org.jheartbeat.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jheartbeat.config.ConfigPaths;

/**
 * A scratch configuration directory ({@code ha.d} with the three files, an empty {@code init.d}
 * and a services file naming {@code ha-cluster 694/udp}), rewritten for every case. authkeys is
 * created with mode 600, as the loader requires.
 */
final class ConfigWorkspace {
  private final ConfigPaths paths;

  ConfigWorkspace(Path root) {
    try {
      Path dir = Files.createDirectories(root.resolve("ha.d"));
      Path init = Files.createDirectories(root.resolve("init.d"));
      Path services = Files.writeString(root.resolve("services"), "ha-cluster 694/udp\n");
      paths = new ConfigPaths(dir, init, services);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ConfigPaths paths() {
    return paths;
  }

  /** Writes the bundle's files; an absent one is deleted. */
  ConfigPaths write(ConfigBundle bundle) {
    try {
      put(paths.haCf(), bundle.haCf());
      put(paths.haresources(), bundle.haresources());
      Path authkeys = paths.authkeys();
      if (bundle.authkeys() == null) {
        Files.deleteIfExists(authkeys);
      } else {
        if (!Files.exists(authkeys)) {
          Files.createFile(authkeys, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.write(authkeys, bundle.authkeys());
      }
      return paths;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void put(Path file, byte[] bytes) throws IOException {
    if (bytes == null) {
      Files.deleteIfExists(file);
    } else {
      Files.write(file, bytes);
    }
  }
}
