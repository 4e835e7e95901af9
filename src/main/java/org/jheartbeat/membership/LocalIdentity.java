package org.jheartbeat.membership;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Who this daemon is on the wire: lower-cased node name, the 16-byte {@code hb_uuid} and this
 * run's generation (spec wire §7.1, §7.7).
 */
public record LocalIdentity(String nodeName, byte[] uuid, long generation) {
  public LocalIdentity {
    nodeName = nodeName.toLowerCase(Locale.ROOT);
    if (uuid.length != 16) {
      throw new IllegalArgumentException("uuid must be 16 bytes, got " + uuid.length);
    }
    uuid = uuid.clone();
    if (generation <= 0) {
      throw new IllegalArgumentException("generation must be positive: " + generation);
    }
  }

  @Override
  public byte[] uuid() {
    return uuid.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LocalIdentity l && nodeName.equals(l.nodeName)
        && Arrays.equals(uuid, l.uuid) && generation == l.generation;
  }

  @Override
  public int hashCode() {
    return nodeName.hashCode() * 31 + Arrays.hashCode(uuid) + Long.hashCode(generation);
  }

  @Override
  public String toString() {
    return nodeName + "/" + HexFormat.of().formatHex(uuid) + "/gen " + generation;
  }
}
