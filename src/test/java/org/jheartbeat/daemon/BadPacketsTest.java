package org.jheartbeat.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jheartbeat.config.AuthKey;
import org.jheartbeat.config.AuthKeys;
import org.jheartbeat.config.AuthMethod;
import org.jheartbeat.testkit.LogCapture;
import org.jheartbeat.wire.Authenticator;
import org.jheartbeat.wire.Message;
import org.jheartbeat.wire.VerifyResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BadPacketsTest {
  private static final long SECOND = 1_000_000_000L;
  private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 694);

  private final LogCapture logs = new LogCapture("heartbeat");
  private final BadPackets bad = new BadPackets(true, new SimpleMeterRegistry());
  private final Authenticator forger = auth("not-the-key");
  private final Authenticator ours = auth("the-key");

  @AfterEach
  void release() {
    logs.close();
  }

  private static Authenticator auth(String secret) {
    return new Authenticator(new AuthKeys(Path.of("authkeys"), 1, 1,
        Map.of(1, new AuthKey(1, AuthMethod.SHA1, Optional.of(secret), 2))));
  }

  private VerifyResult forgedFrom(String src) {
    Message m = Message.builder().add("t", "status").add("src", src).add("seq", "1").add("ts", "1").build();
    VerifyResult r = ours.verify(forger.sign(m, Authenticator.MsgFormat.NETSTRING));
    assertThat(r.ok()).isFalse();
    return r;
  }

  @Test
  void oneSenderIsLoggedOnceEveryTenSecondsWithTheNumberHeldBack() {
    for (int i = 0; i < 5; i++) {
      bad.record(forgedFrom("n2"), "eth0", FROM, i * SECOND);
    }
    assertThat(logs.lines()).hasSize(2);
    bad.record(forgedFrom("n2"), "eth0", FROM, 11 * SECOND);
    assertThat(logs.lines()).hasSize(4);
    assertThat(logs.lines().get(2)).endsWith("(4 more bad packets from it not logged)");
    assertThat(bad.count()).isEqualTo(6);
  }

  @Test
  void aFloodOfForgedSenderNamesNeitherFloodsTheLogNorGrowsWithoutBound() {
    for (int i = 0; i < 2_000; i++) {
      bad.record(forgedFrom("forged-" + i), "eth0", FROM, SECOND + i);
    }
    assertThat(bad.count()).isEqualTo(2_000);
    assertThat(logs.lines()).hasSize(2 * (BadPackets.MAX_SENDERS + 1));

    // Once their quiet period is over the forged names are forgotten: a real sender is logged.
    logs.clear();
    bad.record(forgedFrom("n2"), "eth0", FROM, 12 * SECOND);
    assertThat(logs.lines()).hasSize(2).last().asString().contains("src=n2");
  }
}
