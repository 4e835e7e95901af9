package org.jheartbeat.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.jheartbeat.config.MediumSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Operators and log-watching scripts look for Heartbeat's start-up lines (spec membership §9.2). */
class StartupLogTest {
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private final List<Logger> loggers = List.of(
      (Logger) LoggerFactory.getLogger(UcastMedium.class),
      (Logger) LoggerFactory.getLogger(McastMedium.class),
      (Logger) LoggerFactory.getLogger(UdpSender.class));

  @BeforeEach
  void capture() {
    events.start();
    for (Logger l : loggers) {
      l.addAppender(events);
      l.setLevel(Level.INFO);
    }
  }

  @AfterEach
  void release() {
    for (Logger l : loggers) {
      l.detachAppender(events);
      l.setLevel(null);
    }
  }

  private List<String> lines(Level level) {
    return events.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void ucastAndMcastLogHeartbeatsStartLines() throws Exception {
    int port = LoopbackMediaTest.freePort();
    try (UcastMedium u = new UcastMedium(new MediumSpec.Ucast("lo", "127.0.0.1", port), new UdpReceivers());
        McastMedium m = new McastMedium(new MediumSpec.Mcast("lo", "239.77.0.1", port, 1, false))) {
      u.open(p -> { });
      m.open(p -> { });
    }
    assertThat(lines(Level.INFO)).containsExactly(
        "glib: ucast: started on port " + port + " interface lo to 127.0.0.1",
        "glib: UDP multicast heartbeat started for group 239.77.0.1 port " + port + " interface lo (ttl=1 loop=0)");
  }

  @Test
  void sendErrorsAreCountedAndLoggedRateLimited() throws Exception {
    int port = LoopbackMediaTest.freePort();
    // 0.0.0.0 cannot be sent to through a socket bound to 127.0.0.1: every send fails
    UcastMedium u = new UcastMedium("lo", "0.0.0.0", port, 0, new UdpReceivers());
    try (u) {
      u.open(p -> { });
      for (int i = 0; i < 100; i++) {
        u.send(new byte[] {1});
      }
    }
    assertThat(u.stats().sendErrors()).isEqualTo(100);
    assertThat(u.stats().packetsSent()).isZero();
    assertThat(lines(Level.WARN)).hasSize(1).first().asString().startsWith("lo: send failed:");
  }
}
