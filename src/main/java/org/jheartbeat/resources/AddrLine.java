package org.jheartbeat.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of {@code ip -o -4 addr show}: {@code 2: eth0    inet 192.168.21.10/24 brd
 * 192.168.21.255 scope global [secondary] eth0:0\       valid_lft …}. The label is the last word
 * before the backslash; it equals the device name unless an alias label was given.
 */
public record AddrLine(String dev, String address, int prefix, Optional<String> broadcast, String label,
    boolean secondary) {

  /** The lines of an {@code ip -o -4 addr show} output that carry an IPv4 address. */
  public static List<AddrLine> parseAll(String output) {
    List<AddrLine> lines = new ArrayList<>();
    for (String raw : output.split("\n")) {
      String head = raw.contains("\\") ? raw.substring(0, raw.indexOf('\\')) : raw;
      String[] w = head.trim().split("\\s+");
      int inet = indexOf(w, "inet");
      if (w.length < 4 || inet < 0 || inet + 1 >= w.length) {
        continue;
      }
      String dev = w[1].endsWith(":") ? w[1].substring(0, w[1].length() - 1) : w[1];
      int at = dev.indexOf('@');
      if (at > 0) {
        dev = dev.substring(0, at);
      }
      String[] cidr = w[inet + 1].split("/");
      if (!Ipv4.isAddress(cidr[0])) {
        continue;
      }
      int prefix = cidr.length > 1 ? Integer.parseInt(cidr[1]) : 32;
      int b = indexOf(w, "brd");
      Optional<String> brd = b > 0 && b + 1 < w.length ? Optional.of(w[b + 1]) : Optional.empty();
      String label = w[w.length - 1];
      boolean secondary = indexOf(w, "secondary") > 0;
      lines.add(new AddrLine(dev, cidr[0], prefix, brd, label, secondary));
    }
    return lines;
  }

  private static int indexOf(String[] words, String word) {
    for (int i = 0; i < words.length; i++) {
      if (words[i].equals(word)) {
        return i;
      }
    }
    return -1;
  }
}
