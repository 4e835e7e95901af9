package org.jheartbeat.membership;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jheartbeat.config.AutoFailback;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.config.LogSettings;
import org.jheartbeat.config.MediumSpec;
import org.jheartbeat.config.PingNode;
import org.jheartbeat.config.Timing;

/** Small ha.cf models for membership tests. */
final class TestConfigs {
  private TestConfigs() {}

  /** keepalive 1 s, deadtime 10 s, warntime 3 s, initdead 20 s, deadping 10 s, bcast eth0. */
  static HaCf cf(String local, List<String> nodes) {
    return cf(local, nodes, new Timing(1000, 10_000, 3000, 20_000, 10_000), List.of("eth0"), List.of());
  }

  static HaCf cf(String local, List<String> nodes, Timing timing, List<String> ifaces,
      List<String> pings) {
    List<MediumSpec> media = new ArrayList<>();
    for (String i : ifaces) {
      media.add(new MediumSpec.Bcast(i, 694));
    }
    List<PingNode> pingNodes = pings.stream().map(p -> new PingNode(p, List.of(p), false, 1)).toList();
    return new HaCf(Path.of("/etc/ha.d/ha.cf"), local, nodes, pingNodes, timing, 694, media,
        AutoFailback.ON,
        new LogSettings(Optional.empty(), Optional.empty(), Optional.empty(), true, false, 0),
        new HaCf.Protocol("classic", "file", "random", 250, 1),
        new HaCf.Clients(List.of(), List.of(), List.of(), Optional.empty()),
        new HaCf.Fencing(Optional.empty(), List.of()),
        List.of());
  }

  static byte[] uuidOf(String node) {
    byte[] u = new byte[16];
    byte[] n = node.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    for (int i = 0; i < 16; i++) {
      u[i] = (byte) (i < n.length ? n[i] : i);
    }
    return u;
  }
}
