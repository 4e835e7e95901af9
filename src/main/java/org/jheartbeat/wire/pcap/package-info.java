/**
 * Classic libpcap captures parsed from bytes ({@link org.jheartbeat.wire.pcap.PcapReader}): the
 * UDP payloads and ICMP echo data that carry heartbeat packets, with time and endpoints. Used by
 * {@code jheartbeat decode} and by the tests that replay the real daemon's captures; no sockets.
 */
package org.jheartbeat.wire.pcap;
