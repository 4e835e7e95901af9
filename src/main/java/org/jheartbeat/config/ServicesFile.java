package org.jheartbeat.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The UDP entries of {@code /etc/services}, which Heartbeat consults for the default udpport
 * ({@code ha-cluster/udp}) and to warn when udpport is registered for another service.
 */
public final class ServicesFile {
  /** The IANA name of Heartbeat's port. */
  public static final String HA_CLUSTER = "ha-cluster";

  /** Heartbeat's port when /etc/services does not name it. */
  public static final int DEFAULT_UDP_PORT = 694;

  private record Entry(List<String> names, int port) {}

  private final List<Entry> udp;

  private ServicesFile(List<Entry> udp) {
    this.udp = List.copyOf(udp);
  }

  /** Reads {@code file}; a missing or unreadable file is the same as an empty one. */
  public static ServicesFile read(Path file) {
    List<Entry> entries = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
        List<String> w = Lexical.words(ConfigFile.stripComment(line));
        if (w.size() >= 2 && w.get(1).endsWith("/udp")) {
          parsePort(w.get(1)).ifPresent(port -> {
            List<String> names = new ArrayList<>(w);
            names.remove(1);
            entries.add(new Entry(names, port));
          });
        }
      }
    } catch (IOException e) {
      // Heartbeat falls back to 694 when getservbyname fails; so do we.
    }
    return new ServicesFile(entries);
  }

  public static ServicesFile empty() {
    return new ServicesFile(List.of());
  }

  public Optional<Integer> udpPort(String service) {
    return udp.stream().filter(e -> e.names().contains(service)).map(Entry::port).findFirst();
  }

  public Optional<String> udpServiceName(int port) {
    return udp.stream().filter(e -> e.port() == port).map(e -> e.names().get(0)).findFirst();
  }

  public int haClusterPort() {
    return udpPort(HA_CLUSTER).orElse(DEFAULT_UDP_PORT);
  }

  private static Optional<Integer> parsePort(String portProto) {
    try {
      return Optional.of(Integer.parseInt(portProto.substring(0, portProto.indexOf('/'))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
