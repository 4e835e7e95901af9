package org.jheartbeat.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One config-fuzz input: the local node name and the three files (null when absent), packed as
 * four netstrings {@code len:bytes,} with length -1 ({@code -1:,}) for an absent file. The whole
 * case is in the input, so a failure's hex (or a regression file) is replayable on its own.
 */
record ConfigBundle(String localNode, byte[] haCf, byte[] authkeys, byte[] haresources) {
  byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    part(out, localNode.getBytes(ISO_8859_1));
    part(out, haCf);
    part(out, authkeys);
    part(out, haresources);
    return out.toByteArray();
  }

  private static void part(ByteArrayOutputStream out, byte[] bytes) {
    out.writeBytes(((bytes == null ? -1 : bytes.length) + ":").getBytes(ISO_8859_1));
    if (bytes != null) {
      out.writeBytes(bytes);
    }
    out.write(',');
  }

  static ConfigBundle decode(byte[] b) {
    List<byte[]> parts = new ArrayList<>();
    int pos = 0;
    while (parts.size() < 4) {
      int colon = pos;
      while (b[colon] != ':') {
        colon++;
      }
      int len = Integer.parseInt(new String(b, pos, colon - pos, ISO_8859_1));
      parts.add(len < 0 ? null : java.util.Arrays.copyOfRange(b, colon + 1, colon + 1 + len));
      pos = colon + 1 + Math.max(len, 0) + 1;
    }
    return new ConfigBundle(new String(parts.get(0), ISO_8859_1), parts.get(1), parts.get(2), parts.get(3));
  }

  ConfigBundle with(ConfigFileKind kind, byte[] bytes) {
    return switch (kind) {
      case HA_CF -> new ConfigBundle(localNode, bytes, authkeys, haresources);
      case AUTHKEYS -> new ConfigBundle(localNode, haCf, bytes, haresources);
      case HARESOURCES -> new ConfigBundle(localNode, haCf, authkeys, bytes);
    };
  }

  byte[] file(ConfigFileKind kind) {
    return switch (kind) {
      case HA_CF -> haCf;
      case AUTHKEYS -> authkeys;
      case HARESOURCES -> haresources;
    };
  }
}
