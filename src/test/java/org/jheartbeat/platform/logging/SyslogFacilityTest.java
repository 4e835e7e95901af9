package org.jheartbeat.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyslogFacilityTest {

  @Test
  void codesAreSyslogHValues() {
    assertThat(SyslogFacility.KERN.code()).isZero();
    assertThat(SyslogFacility.USER.code()).isEqualTo(8);
    assertThat(SyslogFacility.DAEMON.code()).isEqualTo(24);
    assertThat(SyslogFacility.AUTHPRIV.code()).isEqualTo(80);
    assertThat(SyslogFacility.FTP.code()).isEqualTo(88);
    assertThat(SyslogFacility.LOCAL0.code()).isEqualTo(128);
    assertThat(SyslogFacility.LOCAL7.code()).isEqualTo(184);
  }

  @Test
  void parsesEveryHaCfNameCaseInsensitively() {
    String[] names = {
      "auth", "authpriv", "cron", "daemon", "ftp", "kern", "lpr", "mail", "news", "syslog", "user", "uucp",
      "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"
    };
    for (String name : names) {
      assertThat(SyslogFacility.parse(name)).map(SyslogFacility::haName).contains(name);
      assertThat(SyslogFacility.parse(" " + name.toUpperCase() + " ")).map(SyslogFacility::haName).contains(name);
    }
    assertThat(SyslogFacility.values()).hasSize(names.length);
  }

  @Test
  void unknownNamesAndNoneAreEmpty() {
    assertThat(SyslogFacility.parse("none")).isEmpty();
    assertThat(SyslogFacility.parse("local8")).isEmpty();
    assertThat(SyslogFacility.parse("")).isEmpty();
    assertThat(SyslogFacility.parse(null)).isEmpty();
  }
}
