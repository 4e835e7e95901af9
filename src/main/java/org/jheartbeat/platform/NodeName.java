package org.jheartbeat.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * This machine's node name as Heartbeat takes it: the uname(2) nodename ({@code uname -n}),
 * lower-cased. On Linux the kernel exposes it in {@code /proc/sys/kernel/hostname}, which also
 * honours a UTS namespace (how the tests give each node its own name).
 */
public final class NodeName {
  private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

  private NodeName() {}

  public static String local() {
    try {
      return Files.readString(KERNEL_HOSTNAME, StandardCharsets.US_ASCII).strip().toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the node name from " + KERNEL_HOSTNAME + " (give it with --node NAME)", e);
    }
  }
}
