package org.jheartbeat.transport;

/**
 * One heartbeat medium, the counterpart of Heartbeat's {@code hb_media_fns} (spec wire §5): it
 * moves opaque packet bytes and nothing else. Life cycle: construct (no I/O) → {@link #open}
 * (sockets opened, one daemon receive thread named {@code hb-rx-<name>} started, the Heartbeat
 * start-up line logged) → {@link #send} any number of times from any thread → {@link #close}
 * (bounded, idempotent). {@link #send} never blocks for long and never throws: failures are
 * counted in {@link #stats()} and logged rate-limited, because one dead link must not stop
 * heartbeats on the others.
 */
public interface Medium extends AutoCloseable {

  /** The link name: interface for bcast/ucast/mcast, host for ping, group name for ping_group. */
  String name();

  /** The ha.cf directive: {@code bcast}, {@code ucast}, {@code mcast}, {@code ping}, ... */
  String type();

  /**
   * Opens the sockets and starts receiving into {@code sink}.
   *
   * @throws java.io.UncheckedIOException or {@link IllegalStateException} with an operator-readable
   *     message when the medium cannot work (no such interface, no broadcast address, no root for
   *     ICMP); the daemon refuses to start, as Heartbeat does when a plugin fails to open
   */
  void open(PacketSink sink);

  /** Sends one packet, best effort. Before {@link #open} or after {@link #close} it is counted as an error. */
  void send(byte[] packet);

  /** Stops the receive thread and closes the sockets; returns within about a second. */
  @Override
  void close();

  /** The counters so far. */
  MediumStats stats();
}
