package org.jheartbeat.resources;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The argument of an {@code IPaddr}/{@code IPaddr2} resource in haresources:
 * {@code ADDR[/BITS[/IFACE[/BROADCAST]]]} (e.g. {@code 192.168.21.1/24/eth0}); missing parts are
 * calculated from the node's interfaces by {@link VipPlan}.
 */
public record VipArgument(String address, OptionalInt bits, Optional<String> iface, Optional<String> broadcast) {

  public static VipArgument parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length > 4) {
      throw new IllegalArgumentException("too many parts in " + text + " (ADDR/BITS/IFACE/BROADCAST)");
    }
    String address = parts[0];
    Ipv4.parse(address);
    OptionalInt bits = OptionalInt.empty();
    if (parts.length > 1 && !parts[1].isEmpty()) {
      if (!parts[1].chars().allMatch(Character::isDigit) || parts[1].length() > 2
          || Integer.parseInt(parts[1]) > 32) {
        throw new IllegalArgumentException("bad netmask bits " + parts[1] + " in " + text);
      }
      bits = OptionalInt.of(Integer.parseInt(parts[1]));
    }
    Optional<String> iface = parts.length > 2 && !parts[2].isEmpty() ? Optional.of(parts[2]) : Optional.empty();
    Optional<String> brd = Optional.empty();
    if (parts.length > 3 && !parts[3].isEmpty()) {
      Ipv4.parse(parts[3]);
      brd = Optional.of(parts[3]);
    }
    return new VipArgument(address, bits, iface, brd);
  }
}
