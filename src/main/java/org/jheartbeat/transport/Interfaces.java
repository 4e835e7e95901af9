package org.jheartbeat.transport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.Optional;

/**
 * Interface look-ups for the UDP media: Heartbeat reads the interface's IPv4 address and
 * broadcast address with {@code SIOCGIFADDR}/{@code SIOCGIFBRDADDR} at start-up (spec wire §5.1);
 * the JDK offers the same through {@link NetworkInterface#getInterfaceAddresses()}. Also the
 * on-link test the shared receiver uses instead of {@code SO_BINDTODEVICE}.
 */
final class Interfaces {
  private Interfaces() {}

  /** The interface, or an exception naming it and the medium. */
  static NetworkInterface require(String type, String iface) {
    try {
      NetworkInterface nif = NetworkInterface.getByName(iface);
      if (nif == null) {
        throw new IllegalStateException(
            type + " " + iface + ": no such network interface " + iface);
      }
      return nif;
    } catch (SocketException e) {
      throw new IllegalStateException(type + " " + iface + ": cannot read interface: " + e.getMessage(), e);
    }
  }

  /** The first IPv4 address of the interface. */
  static Optional<InterfaceAddress> ipv4(NetworkInterface nif) {
    return ipv4All(nif).stream().findFirst();
  }

  static List<InterfaceAddress> ipv4All(NetworkInterface nif) {
    return nif.getInterfaceAddresses().stream()
        .filter(a -> a.getAddress() instanceof Inet4Address)
        .toList();
  }

  static InterfaceAddress requireIpv4(String type, NetworkInterface nif) {
    return ipv4(nif).orElseThrow(() -> new IllegalStateException(
        type + " " + nif.getName() + ": interface " + nif.getName() + " has no IPv4 address"));
  }

  /** Whether {@code a} lies in one of the interface's IPv4 subnets (snapshot taken by the caller). */
  static boolean onLink(List<InterfaceAddress> subnets, InetAddress a) {
    if (!(a instanceof Inet4Address)) {
      return false;
    }
    int addr = toInt(a);
    for (InterfaceAddress s : subnets) {
      int prefix = s.getNetworkPrefixLength();
      int mask = prefix <= 0 ? 0 : (prefix >= 32 ? -1 : -1 << (32 - prefix));
      if ((toInt(s.getAddress()) & mask) == (addr & mask)) {
        return true;
      }
    }
    return false;
  }

  static int toInt(InetAddress a) {
    byte[] b = a.getAddress();
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }
}
