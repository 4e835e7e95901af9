package org.jheartbeat.resources;

/**
 * Dotted-quad IPv4 arithmetic on {@code int}s (no {@code java.net}: the domain packages stay free
 * of it): parsing, prefix masks, network broadcast addresses, subnet membership.
 */
public final class Ipv4 {
  private Ipv4() {}

  /** Parses {@code a.b.c.d}; throws IllegalArgumentException otherwise. */
  public static int parse(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + text);
    }
    int value = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("not an IPv4 address: " + text);
      }
      int octet = Integer.parseInt(p);
      if (octet > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + text);
      }
      value = (value << 8) | octet;
    }
    return value;
  }

  public static boolean isAddress(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static String format(int address) {
    return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
  }

  /** The netmask of a prefix length 0..32 as an int. */
  public static int mask(int bits) {
    if (bits < 0 || bits > 32) {
      throw new IllegalArgumentException("prefix length out of range: " + bits);
    }
    return bits == 0 ? 0 : -1 << (32 - bits);
  }

  /** The netmask in dotted form, e.g. {@code 255.255.255.0} for 24. */
  public static String netmask(int bits) {
    return format(mask(bits));
  }

  /** The network's broadcast address: host bits all ones (the address itself for /31 and /32). */
  public static String broadcast(String address, int bits) {
    if (bits >= 31) {
      return address;
    }
    return format(parse(address) | ~mask(bits));
  }

  /** Whether {@code address} lies in {@code network/bits}. */
  public static boolean contains(String network, int bits, String address) {
    int m = mask(bits);
    return (parse(network) & m) == (parse(address) & m);
  }
}
