package org.jheartbeat.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The six targets by name, built on first use (the wire corpus reads every capture once), with
 * one scratch directory for the config targets that {@link #close} removes. The scratch
 * directory is on /dev/shm when there is one: each config case writes three files.
 */
final class FuzzTargets implements AutoCloseable {
  static final List<String> NAMES = List.of("decoder", "classic", "netstring", "hacf", "authkeys", "haresources");

  private WireCorpus wire;
  private ConfigCorpus config;
  private Path scratch;

  FuzzTarget<?> get(String name) {
    return switch (name) {
      case "decoder" -> new DecoderTarget(wire());
      case "classic" -> new ClassicTarget(wire());
      case "netstring" -> new NetstringTarget(wire());
      case "hacf" -> config(ConfigFileKind.HA_CF);
      case "authkeys" -> config(ConfigFileKind.AUTHKEYS);
      case "haresources" -> config(ConfigFileKind.HARESOURCES);
      default -> throw new IllegalArgumentException("unknown fuzz target '" + name + "'; targets: " + NAMES);
    };
  }

  private WireCorpus wire() {
    if (wire == null) {
      wire = WireCorpus.load();
    }
    return wire;
  }

  private ConfigTarget config(ConfigFileKind kind) {
    if (config == null) {
      config = ConfigCorpus.load();
    }
    Path dir = scratch().resolve(kind.target());
    return new ConfigTarget(kind, config, new ConfigWorkspace(dir.resolve("case")),
        new ConfigWorkspace(dir.resolve("reload")));
  }

  private Path scratch() {
    if (scratch == null) {
      try {
        Path shm = Path.of("/dev/shm");
        scratch = Files.isDirectory(shm) && Files.isWritable(shm)
            ? Files.createTempDirectory(shm, "jhb-fuzz-") : Files.createTempDirectory("jhb-fuzz-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return scratch;
  }

  @Override
  public void close() {
    if (scratch == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(scratch)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
