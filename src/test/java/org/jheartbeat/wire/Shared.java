package org.jheartbeat.wire;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's shared data (spec vectors, captures), found through system property
 * {@code jheartbeat.shared} (default {@code ../shared}). Missing data fails the test: a silently
 * skipped vector test proves nothing.
 */
public final class Shared {
  private Shared() {}

  public static Path dir() {
    Path dir = Path.of(System.getProperty("jheartbeat.shared", "../shared"));
    if (!Files.isDirectory(dir.resolve("spec/vectors"))) {
      fail("shared data not found at " + dir.toAbsolutePath()
          + " (expected spec/vectors inside); set -Djheartbeat.shared=/path/to/shared");
    }
    return dir;
  }

  public static Path vectors() {
    return dir().resolve("spec/vectors");
  }

  public static JsonNode vectorsJson() {
    try {
      return new ObjectMapper().readTree(vectors().resolve("vectors.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] hex(JsonNode node) {
    return HexFormat.of().parseHex(node.asText());
  }

  public static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Files under {@code root} (recursively) whose name is {@code name}, sorted. */
  public static List<Path> find(Path root, String name) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().equals(name)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
