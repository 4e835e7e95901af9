/**
 * Heartbeat media (spec wire §5): they move opaque packet bytes between nodes and nothing else;
 * encoding, authentication and sequencing live in {@code wire}, link status in {@code membership}.
 *
 * <p>{@link org.jheartbeat.transport.Medium} is the counterpart of Heartbeat's {@code hb_media_fns}.
 * {@link org.jheartbeat.transport.Media} builds the media of an ha.cf: {@link
 * org.jheartbeat.transport.BcastMedium}, {@link org.jheartbeat.transport.UcastMedium} and {@link
 * org.jheartbeat.transport.McastMedium} over {@code DatagramChannel}, and {@link
 * org.jheartbeat.transport.PingMedium} over a raw ICMP socket through JNA (root only). Threads: each
 * medium receives on one daemon thread {@code hb-rx-NAME} that hands {@link
 * org.jheartbeat.transport.Packet}s to a {@link org.jheartbeat.transport.PacketSink}; bcast and
 * ucast media on one UDP port share one wildcard receive socket and thread ({@link
 * org.jheartbeat.transport.UdpReceivers}), because the JDK cannot bind a socket to a device. Sends
 * are non-blocking and never throw; errors are counted ({@link org.jheartbeat.transport.MediumStats})
 * and logged rate-limited.
 *
 * <p>{@link org.jheartbeat.transport.InMemoryNetwork} and {@link
 * org.jheartbeat.transport.NetworkFaults} are the deterministic, thread-free network of the
 * simulation tests (seeded loss, duplication, delay/reorder, partitions, cut links).
 */
package org.jheartbeat.transport;
