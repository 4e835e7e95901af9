/**
 * Heartbeat 3.0.6 messages on the wire (spec wire-protocol.md §1–§4, §8).
 *
 * <p>{@link org.jheartbeat.wire.Message} is an ordered list of typed {@link
 * org.jheartbeat.wire.Field}s. {@link org.jheartbeat.wire.NetstringCodec} is the form every node
 * sends ({@code ###\n … %%%\n} + auth trailer), {@link org.jheartbeat.wire.ClassicCodec} the
 * name=value form receivers still accept and the text the inner {@code auth} field covers. {@link
 * org.jheartbeat.wire.Authenticator} signs with the active authkeys index ({@code msgfmt classic}:
 * inner auth field, then trailer) and verifies as the real receiver does, including its quirk of
 * checking a trailer with the algorithm of the index it names but the key of our own active
 * index; {@link org.jheartbeat.wire.AuthToken} computes crc/md5/sha1 tokens with the JDK only.
 * Decoders are bounded and never throw: a bad packet yields a reason for the log. Nothing here
 * opens sockets, starts threads or reads clocks; {@code wire.pcap} reads captures from bytes for
 * the {@code decode} tool and the tests.
 */
package org.jheartbeat.wire;
