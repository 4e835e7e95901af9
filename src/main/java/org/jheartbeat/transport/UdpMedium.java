package org.jheartbeat.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.jheartbeat.runtime.Clock;
import org.slf4j.Logger;

/**
 * What the three UDP media (bcast, ucast, mcast; spec wire §5.1–§5.3) share: opened once, they
 * send every packet through one {@link UdpSender} (errors counted and logged rate-limited, never
 * thrown), and closing stops the sending socket and the receiving side together. A subclass only
 * says how its sockets are opened and what Heartbeat logs when such a medium starts.
 */
abstract class UdpMedium implements Medium {
  final Counters counters = new Counters(Clock.SYSTEM);
  private final Logger log;
  private volatile UdpSender sender;
  private AutoCloseable receiving;

  UdpMedium(Logger log) {
    this.log = log;
  }

  /** An opened medium's sockets: the sender, and what stops its receiving side. */
  record Sockets(UdpSender sender, AutoCloseable receiving) {}

  /** Opens the sockets, closing whatever it opened when it fails. */
  abstract Sockets openSockets(PacketSink sink) throws IOException;

  /** Logs Heartbeat's start-up line for this medium. */
  abstract void logStarted(Logger log);

  @Override
  public final synchronized void open(PacketSink sink) {
    if (sender != null) {
      throw new IllegalStateException(type() + " " + name() + " already open");
    }
    Sockets sockets;
    try {
      sockets = openSockets(sink);
    } catch (IOException e) {
      throw new UncheckedIOException(type() + " " + name() + ": " + e.getMessage(), e);
    }
    receiving = sockets.receiving();
    sender = sockets.sender();
    logStarted(log);
  }

  @Override
  public final void send(byte[] packet) {
    UdpSender s = sender;
    if (s == null) {
      counters.sendError(log, name(), "medium not open");
      return;
    }
    s.send(packet);
  }

  @Override
  public final synchronized void close() {
    UdpSender s = sender;
    sender = null;
    if (s != null) {
      s.close();
    }
    if (receiving != null) {
      try {
        receiving.close();
      } catch (Exception e) {
        log.debug("{}: {}", name(), e.toString());
      }
      receiving = null;
    }
  }

  @Override
  public final MediumStats stats() {
    return counters.snapshot();
  }

  /** Closes a channel of a half-opened medium, if there is one. */
  static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // nothing more to do on a half-opened channel
      }
    }
  }
}
