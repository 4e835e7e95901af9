package org.jheartbeat.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code ld} field of Heartbeat messages: {@code /proc/loadavg} without its newline, or
 * {@code n/a} when it cannot be read (spec wire §3.2). Informational only.
 */
public final class LoadAverage {
  private static final Path PROC_LOADAVG = Path.of("/proc/loadavg");

  private LoadAverage() {}

  public static String read() {
    try {
      return Files.readString(PROC_LOADAVG, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      return "n/a";
    }
  }
}
