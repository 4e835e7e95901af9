package org.jheartbeat.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Writes configuration directories for tests and loads them machine-independently. */
final class TestConfigs {
  static final String AUTHKEYS = "auth 1\n1 sha1 TestSecretKey\n";

  private TestConfigs() {}

  /**
   * A config dir under {@code tmp} with ha.cf, authkeys (mode 600) and, when not null,
   * haresources; an empty init.d and an empty services file beside it.
   */
  static ConfigPaths write(Path tmp, String haCf, String authkeys, String haresources) {
    try {
      Path dir = Files.createDirectories(tmp.resolve("ha.d"));
      Files.writeString(dir.resolve("ha.cf"), haCf);
      if (authkeys != null) {
        writeMode(dir.resolve("authkeys"), authkeys, "rw-------");
      }
      if (haresources != null) {
        Files.writeString(dir.resolve("haresources"), haresources);
      }
      Path initDir = Files.createDirectories(tmp.resolve("init.d"));
      Path services = tmp.resolve("services");
      if (!Files.exists(services)) {
        Files.writeString(services, "");
      }
      return new ConfigPaths(dir, initDir, services);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ConfigPaths write(Path tmp, String haCf) {
    return write(tmp, haCf, AUTHKEYS, null);
  }

  static ConfigReport load(Path tmp, String haCf) {
    return ConfigLoader.load(write(tmp, haCf), "alpha");
  }

  static void writeMode(Path file, String text, String mode) {
    try {
      Files.writeString(file, text);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Problems formatted as {@code FILE:LINE: ...} with the file relative to {@code dir}. */
  static List<String> formatted(List<Problem> problems, Path dir) {
    return problems.stream()
        .map(p -> new Problem(relative(dir, p.file()), p.line(), p.severity(),
            p.message().replace(dir.toString(), "CONFIG_DIR")).format())
        .toList();
  }

  static List<String> errors(ConfigReport report, ConfigPaths paths) {
    return formatted(report.errors(), paths.configDir());
  }

  static List<String> warnings(ConfigReport report, ConfigPaths paths) {
    return formatted(report.warnings(), paths.configDir());
  }

  private static Path relative(Path dir, Path file) {
    return file.startsWith(dir) ? dir.relativize(file) : file;
  }
}
