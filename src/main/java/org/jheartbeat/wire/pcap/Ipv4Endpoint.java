package org.jheartbeat.wire.pcap;

/**
 * An IPv4 address and port as read from a captured header, printed as {@code a.b.c.d:port}
 * (port 0 for ICMP, printed without it). Pure data: no {@code java.net} lookup.
 */
public record Ipv4Endpoint(int address, int port) {
  public String host() {
    return ((address >>> 24) & 0xFF) + "." + ((address >>> 16) & 0xFF) + "."
        + ((address >>> 8) & 0xFF) + "." + (address & 0xFF);
  }

  @Override
  public String toString() {
    return port == 0 ? host() : host() + ":" + port;
  }
}
