package org.jheartbeat.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat generation (spec wire §7.1): with {@code hbgenmethod file} the state file
 * {@code hb_generation} holds the last generation as ASCII decimal right-aligned in 15 columns
 * and a newline (16 bytes, Heartbeat's format, so the two daemons can take turns on one node).
 * Each start reads it, adds one, and writes it back synced before anything is sent; a missing
 * or unreadable file starts from the wall clock. Peers use the generation to tell a restart
 * (higher) from a replay (lower).
 */
public final class GenerationFile {
  public static final String FILE_NAME = "hb_generation";
  private static final Logger log = LoggerFactory.getLogger("heartbeat");

  private GenerationFile() {}

  /** The generation for this run, persisted before it is returned. */
  public static long next(Path stateDir, String method, long wallSeconds) throws IOException {
    if (method.equals("time")) {
      log.info("Heartbeat generation: {}", wallSeconds);
      return wallSeconds;
    }
    Path file = stateDir.resolve(FILE_NAME);
    long generation;
    try {
      generation = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()) + 1;
    } catch (IOException | NumberFormatException e) {
      generation = wallSeconds + 1;
      log.warn("No Previous generation - starting at {}", generation);
    }
    write(file, generation);
    log.info("Heartbeat generation: {}", generation);
    return generation;
  }

  static String format(long generation) {
    return String.format("%15d%n", generation);
  }

  private static void write(Path file, long generation) throws IOException {
    Files.createDirectories(file.getParent());
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC)) {
      ch.write(ByteBuffer.wrap(format(generation).getBytes(StandardCharsets.US_ASCII)));
      ch.force(true);
    }
  }
}
