package org.jheartbeat.transport;

/**
 * A point-in-time snapshot of one medium's counters (for {@code /metrics} and diagnostics).
 * Receive errors count datagrams that could not be read or were rejected by the medium's own
 * filter (wrong ICMP identifier, duplicate ping_group sequence, ...).
 */
public record MediumStats(
    long packetsSent, long bytesSent, long sendErrors,
    long packetsReceived, long bytesReceived, long receiveErrors) {

  public static final MediumStats ZERO = new MediumStats(0, 0, 0, 0, 0, 0);
}
