package org.jheartbeat.platform.logging;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

class LibcSyslogTest {

  /** Proves the JNA binding resolves; without a syslogd, syslog(3) drops the line silently. */
  @Test
  void bindsToLibcAndSendsOneLine() {
    assumeTrue(Platform.isLinux(), "syslog(3) binding is tested on Linux only");

    assertThatCode(
            () -> {
              try (LibcSyslog syslog = new LibcSyslog("jheartbeat-test", SyslogFacility.USER)) {
                syslog.send(SyslogFacility.USER.code(), HeartbeatLevel.DEBUG, "[0]: debug: LibcSyslogTest 100% ok");
              }
            })
        .doesNotThrowAnyException();
  }
}
