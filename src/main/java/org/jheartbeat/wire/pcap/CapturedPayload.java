package org.jheartbeat.wire.pcap;

import java.util.Objects;

/**
 * One payload found in a capture: its frame number (1-based, as Wireshark counts), capture time
 * as epoch seconds and nanoseconds, endpoints, the medium it travelled on (a UDP datagram, or the
 * data of an ICMP echo request/reply, which is where heartbeat's ping media put packets, spec
 * wire §5.5) and the payload bytes.
 */
public record CapturedPayload(int frame, long epochSecond, int nanos, Ipv4Endpoint source,
    Ipv4Endpoint destination, Medium medium, byte[] payload) {
  /** How the payload travelled. */
  public enum Medium {
    UDP("udp"), ICMP_ECHO_REQUEST("icmp"), ICMP_ECHO_REPLY("icmp");

    private final String label;

    Medium(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public CapturedPayload {
    Objects.requireNonNull(source);
    Objects.requireNonNull(destination);
    Objects.requireNonNull(medium);
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }
}
