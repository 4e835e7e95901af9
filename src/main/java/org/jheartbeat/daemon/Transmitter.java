package org.jheartbeat.daemon;

import java.util.List;
import java.util.function.Supplier;
import org.jheartbeat.transport.Medium;
import org.jheartbeat.transport.PingMedium;
import org.jheartbeat.wire.Authenticator;
import org.jheartbeat.wire.Message;

/**
 * Puts stamped messages on every medium (spec wire §5): each message is signed once and the
 * same bytes go to every UDP medium; for each {@code status} the ping media send an
 * {@code NS_st} echo payload instead (§5.5), since ping nodes only ever see those. Signing is
 * deterministic, so a retransmitted message is byte-identical to the original.
 */
final class Transmitter {
  private final List<Medium> udp;
  private final List<PingMedium> ping;
  private final Supplier<Authenticator> auth;
  private final Authenticator.MsgFormat format;

  Transmitter(List<Medium> media, Supplier<Authenticator> auth, Authenticator.MsgFormat format) {
    this.udp = media.stream().filter(m -> !(m instanceof PingMedium)).toList();
    this.ping = media.stream().filter(m -> m instanceof PingMedium).map(m -> (PingMedium) m).toList();
    this.auth = auth;
    this.format = format;
  }

  void send(Message message) {
    byte[] packet = auth.get().sign(message, format);
    udp.forEach(m -> m.send(packet));
    if (message.type().equals("status") && !ping.isEmpty()) {
      String ts = message.get("ts").orElse("0");
      for (PingMedium p : ping) {
        Message echo = Message.builder()
            .add("t", "NS_st").add("st", "ping").add("info", p.type().equals("ping_group") ? "ping_group" : "ping")
            .add("src", p.name()).add("ts", ts)
            .build();
        // The inner auth field is always added to ping payloads, whatever msgfmt says.
        p.send(auth.get().sign(echo, Authenticator.MsgFormat.CLASSIC));
      }
    }
  }
}
