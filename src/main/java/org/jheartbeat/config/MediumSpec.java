package org.jheartbeat.config;

/**
 * One heartbeat medium of ha.cf, as Heartbeat's HBcomm plugins define them (ha.cf(5); spec wire
 * §5). Each medium has its own link status per node, named after {@link #linkName()}.
 */
public sealed interface MediumSpec
    permits MediumSpec.Bcast, MediumSpec.Mcast, MediumSpec.Ucast, MediumSpec.Serial {

  /** The directive that declared it: bcast, mcast, ucast or serial. */
  String type();

  /** The name Heartbeat gives the link in "Link node:NAME up." lines. */
  String linkName();

  /** ha.cf text that declares this medium (without the udpport it inherited). */
  String configText();

  /** {@code bcast IFACE}: UDP to the interface's broadcast address on {@code port}. */
  record Bcast(String iface, int port) implements MediumSpec {
    public String type() {
      return "bcast";
    }

    public String linkName() {
      return iface;
    }

    public String configText() {
      return "bcast " + iface;
    }
  }

  /** {@code mcast IFACE GROUP PORT TTL LOOP}. */
  record Mcast(String iface, String group, int port, int ttl, boolean loop) implements MediumSpec {
    public String type() {
      return "mcast";
    }

    public String linkName() {
      return iface;
    }

    public String configText() {
      return "mcast " + iface + " " + group + " " + port + " " + ttl + " " + (loop ? 1 : 0);
    }
  }

  /** {@code ucast IFACE PEER}: UDP to one peer address or host name on {@code port}. */
  record Ucast(String iface, String peer, int port) implements MediumSpec {
    public String type() {
      return "ucast";
    }

    public String linkName() {
      return iface;
    }

    public String configText() {
      return "ucast " + iface + " " + peer;
    }
  }

  /** {@code serial DEVICE}: accepted for compatibility; jheartbeat has no serial transport. */
  record Serial(String device, int baud) implements MediumSpec {
    public String type() {
      return "serial";
    }

    public String linkName() {
      return device;
    }

    public String configText() {
      return "serial " + device;
    }
  }
}
