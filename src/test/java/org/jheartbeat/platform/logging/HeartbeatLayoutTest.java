package org.jheartbeat.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jheartbeat.platform.logging.Events.event;
import static org.jheartbeat.platform.logging.Events.eventWith;

import ch.qos.logback.classic.Level;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HeartbeatLayoutTest {

  private static final ZoneId UTC = ZoneOffset.UTC;

  private final HeartbeatLayout syslog =
      new HeartbeatLayout(LineStyle.SYSLOG, "orasrv1.xlk.com", 23166, UTC);

  // The golden lines are copied from /work/shared/traces/real-heartbeat-3.0.6/*/n1-ha-log (recorded in 2026).

  @Test
  void syslogStyleWarnMatchesRealLog() {
    String line =
        syslog.doLayout(event("2026-11-24T15:42:35.912Z", Level.WARN, "node {}: is dead", "orasrv2.xlk.com"));

    assertThat(line)
        .isEqualTo("Nov 24 15:42:35 orasrv1.xlk.com heartbeat: [23166]: WARN: node orasrv2.xlk.com: is dead\n");
  }

  @Test
  void syslogStyleInfoMatchesRealLog() {
    HeartbeatLayout layout = new HeartbeatLayout(LineStyle.SYSLOG, "orasrv1.xlk.com", 13170, UTC);

    String line =
        layout.doLayout(event("2026-11-24T15:57:08Z", Level.INFO, "Comm_now_up(): updating status to active"));

    assertThat(line)
        .isEqualTo(
            "Nov 24 15:57:08 orasrv1.xlk.com heartbeat: [13170]: info: Comm_now_up(): updating status to active\n");
  }

  @Test
  void critMarkerOnErrorMatchesRealLateHeartbeatLine() {
    HeartbeatLayout layout = new HeartbeatLayout(LineStyle.SYSLOG, "orasrv1.xlk.com", 10231, UTC);

    String line =
        layout.doLayout(
            eventWith(
                "2026-11-24T15:56:39Z",
                Level.ERROR,
                HbMarkers.CRIT,
                null,
                "Late heartbeat: Node {}: interval {} ms (> deadtime)",
                "192.168.21.254",
                1000));

    assertThat(line)
        .isEqualTo(
            "Nov 24 15:56:39 orasrv1.xlk.com heartbeat: [10231]: CRIT: Late heartbeat: Node 192.168.21.254:"
                + " interval 1000 ms (> deadtime)\n");
  }

  @Test
  void syslogStyleZeroPadsTheDayAndUsesEnglishMonths() {
    HeartbeatLayout layout = new HeartbeatLayout(LineStyle.SYSLOG, "alpha", 8808, UTC);

    assertThat(layout.doLayout(event("2026-03-04T05:06:07Z", Level.INFO, "Local status now set to: 'up'")))
        .isEqualTo("Mar 04 05:06:07 alpha heartbeat: [8808]: info: Local status now set to: 'up'\n");
  }

  @Test
  void classicStyleMatchesSpecExample() {
    HeartbeatLayout classic = new HeartbeatLayout(LineStyle.CLASSIC, "ignored", 4374, UTC);

    String line =
        classic.doLayout(event("2015-11-06T11:46:52.999Z", Level.INFO, "Comm_now_up(): updating status to active"));

    assertThat(line).isEqualTo("heartbeat[4374]: 2015/11/06_11:46:52 info: Comm_now_up(): updating status to active\n");
  }

  @Test
  void programNameAndZoneAreHonoured() {
    HeartbeatLayout layout =
        new HeartbeatLayout(LineStyle.CLASSIC, "alpha", "ipfail", 103, ZoneId.of("Europe/Berlin"));

    assertThat(layout.doLayout(event("2026-11-24T23:30:00Z", Level.WARN, "No ping nodes")))
        .isEqualTo("ipfail[103]: 2026/11/25_00:30:00 WARN: No ping nodes\n");
  }

  @Test
  void everyLineOfAMultiLineMessageGetsThePrefix() {
    String text = syslog.doLayout(event("2026-11-24T15:58:51Z", Level.ERROR, "MSG: Dumping\r\nMSG[0] : [t=status]\n"));

    assertThat(text)
        .isEqualTo(
            "Nov 24 15:58:51 orasrv1.xlk.com heartbeat: [23166]: ERROR: MSG: Dumping\n"
                + "Nov 24 15:58:51 orasrv1.xlk.com heartbeat: [23166]: ERROR: MSG[0] : [t=status]\n");
  }

  @Test
  void throwableAtErrorIsOnlySummarisedOnTheLastLine() {
    Exception failure = new IllegalStateException("disk\nfull", new RuntimeException("cause"));

    String text =
        syslog.doLayout(eventWith("2026-11-24T15:00:00Z", Level.ERROR, null, failure, "Cannot write\nstate file"));

    assertThat(text)
        .isEqualTo(
            "Nov 24 15:00:00 orasrv1.xlk.com heartbeat: [23166]: ERROR: Cannot write\n"
                + "Nov 24 15:00:00 orasrv1.xlk.com heartbeat: [23166]: ERROR: state file:"
                + " java.lang.IllegalStateException: disk full\n");
  }

  @Test
  void throwableWithoutMessageIsSummarisedByClassName() {
    String text =
        syslog.doLayout(eventWith("2026-11-24T15:00:00Z", Level.WARN, null, new NullPointerException(), "Bad packet"));

    assertThat(text)
        .isEqualTo("Nov 24 15:00:00 orasrv1.xlk.com heartbeat: [23166]: WARN: Bad packet: java.lang.NullPointerException\n");
  }

  @Test
  void throwableAtDebugBecomesStackTraceLinesWithThePrefix() {
    String prefix = "Nov 24 15:00:00 orasrv1.xlk.com heartbeat: [23166]: debug: ";

    String text =
        syslog.doLayout(
            eventWith("2026-11-24T15:00:00Z", Level.DEBUG, null, new IllegalStateException("boom"), "Retrying"));

    String[] lines = text.split("\n");
    assertThat(lines[0]).isEqualTo(prefix + "Retrying");
    assertThat(lines[1]).isEqualTo(prefix + "java.lang.IllegalStateException: boom");
    assertThat(lines[2]).startsWith(prefix + "\tat org.jheartbeat.platform.logging.HeartbeatLayoutTest.");
    assertThat(lines).allMatch(line -> line.startsWith(prefix));
  }

  @Test
  void debugFileLayoutShowsStackTracesAtEveryLevel() {
    HeartbeatLayout debugFile =
        new HeartbeatLayout(LineStyle.SYSLOG, "alpha", HeartbeatLayout.DEFAULT_PROGRAM, 1, UTC, true);

    String text =
        debugFile.doLayout(
            eventWith("2026-11-24T15:00:00Z", Level.ERROR, null, new IllegalStateException("boom"), "Failed"));

    String[] lines = text.split("\n");
    assertThat(lines[0]).isEqualTo("Nov 24 15:00:00 alpha heartbeat: [1]: ERROR: Failed");
    assertThat(lines[1]).isEqualTo("Nov 24 15:00:00 alpha heartbeat: [1]: ERROR: java.lang.IllegalStateException: boom");
    assertThat(lines.length).isGreaterThan(2);
  }
}
