package org.jheartbeat.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jheartbeat.config.TestConfigs.errors;
import static org.jheartbeat.config.TestConfigs.warnings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HaCfTest {
  /** Two nodes, one medium, explicit auto_failback and a log file: no warnings of its own. */
  private static final String BASE = "node alpha bravo\nbcast eth0\nauto_failback on\nlogfile /var/log/ha-log\n";

  @TempDir Path tmp;

  private ConfigPaths paths;

  private ConfigReport load(String haCf) {
    paths = TestConfigs.write(tmp, haCf);
    return ConfigLoader.load(paths, "alpha");
  }

  private HaCf valid(String haCf) {
    ConfigReport report = load(haCf);
    assertThat(errors(report, paths)).isEmpty();
    return report.config().orElseThrow().haCf();
  }

  private List<String> errorsOf(String haCf) {
    return errors(load(haCf), paths);
  }

  private List<String> haCfWarningsOf(String haCf) {
    ConfigReport report = load(haCf);
    return warnings(report, paths).stream().filter(w -> w.startsWith("ha.cf")).toList();
  }

  // ---- timers ---------------------------------------------------------------------------

  @Test
  void timerDefaultsWhenUnset() {
    HaCf cf = valid(BASE);
    assertThat(cf.timing()).isEqualTo(new Timing(1000, 30_000, 15_000, 30_000, 30_000));
    assertThat(haCfWarningsOf(BASE)).isEmpty();
  }

  @ParameterizedTest(name = "deadtime {0} -> initdead {1} ms")
  @CsvSource({"5, 12000", "8, 16000", "10, 20000", "15, 15000", "5.999, 12000", "6, 12000", "10.001, 10001"})
  void initdeadDefaultFollowsDeadtime(String deadtime, long initdead) {
    HaCf cf = valid(BASE + "deadtime " + deadtime + "\n");
    assertThat(cf.timing().initdeadMs()).isEqualTo(initdead);
    assertThat(cf.timing().initdeadMs()).isEqualTo(Timing.defaultInitdead(cf.timing().deadtimeMs()));
    assertThat(cf.timing().warntimeMs()).isEqualTo(cf.timing().deadtimeMs() / 2);
    assertThat(cf.timing().deadpingMs()).isEqualTo(cf.timing().deadtimeMs());
  }

  @Test
  void defaultInitdeadBoundaries() {
    assertThat(Timing.defaultInitdead(5_000)).isEqualTo(12_000);
    assertThat(Timing.defaultInitdead(5_999)).isEqualTo(12_000);
    assertThat(Timing.defaultInitdead(6_000)).isEqualTo(12_000);
    assertThat(Timing.defaultInitdead(8_000)).isEqualTo(16_000);
    assertThat(Timing.defaultInitdead(10_000)).isEqualTo(20_000);
    assertThat(Timing.defaultInitdead(10_001)).isEqualTo(10_001);
    assertThat(Timing.defaultInitdead(15_000)).isEqualTo(15_000);
    assertThat(Timing.defaultWarntime(15_001)).isEqualTo(7_500);
  }

  @Test
  void derivedTimersFollowAnExplicitDeadtimeButNotEachOther() {
    HaCf cf = valid(BASE + "keepalive 2\ndeadtime 15\nwarntime 10\ninitdead 60\n");
    assertThat(cf.timing()).isEqualTo(new Timing(2000, 15_000, 10_000, 60_000, 15_000));
    HaCf cf2 = valid(BASE + "deadtime 20\ndeadping 40\n");
    assertThat(cf2.timing()).isEqualTo(new Timing(1000, 20_000, 10_000, 20_000, 40_000));
  }

  @Test
  void parameterIsTheTextAsWrittenOrTheDefault() {
    HaCf cf = valid(BASE + "deadtime 10\nkeepalive 500ms\nudpport 6940\n");
    assertThat(cf.parameter("deadtime")).contains("10");
    assertThat(cf.parameter("keepalive")).contains("500ms");
    assertThat(cf.parameter("udpport")).contains("6940");
    assertThat(cf.parameter("auto_failback")).contains("on");
    assertThat(cf.parameter("warntime")).contains("5000ms");
    assertThat(cf.parameter("initdead")).contains("20000ms");
    assertThat(cf.parameter("deadping")).contains("10000ms");
    assertThat(cf.parameter("hopfudge")).contains("1");
    assertThat(cf.parameter("logfacility")).contains("none");
    assertThat(cf.parameter("watchdog")).isEmpty();
    assertThat(cf.parameter("nosuch")).isEmpty();
    assertThat(cf.parameter("node")).contains("bravo");

    HaCf defaults = valid(BASE);
    assertThat(defaults.parameter("keepalive")).contains("1000ms");
    assertThat(defaults.parameter("deadtime")).contains("30000ms");
    assertThat(defaults.parameter("warntime")).contains("15000ms");
    assertThat(defaults.parameter("udpport")).contains("694");
  }

  @Test
  void parameterOfARepeatedDirectiveIsTheLastText() {
    ConfigReport report = load(BASE + "deadtime 10\ndeadtime 12\n");
    HaCf cf = report.config().orElseThrow().haCf();
    assertThat(cf.parameter("deadtime")).contains("12");
    assertThat(cf.timing().deadtimeMs()).isEqualTo(12_000);
    assertThat(haCfWarningsOf(BASE + "deadtime 10\ndeadtime 12\n")).containsExactly("ha.cf:6: warning: deadtime is also set at line 5; this later value wins");
  }

  /** Heartbeat 3.0.6 acceptance observed by lab/find-limits.sh (traces 00-limits/limits.md §1). */
  @ParameterizedTest(name = "ka={0} dt={1} wt={2} id={3}: {4}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "2      | 15    | 10    | 60    | runs    | -",
      "-      | -     | -     | -     | runs    | -",
      "1ms    | 3ms   | 2ms   | 10    | runs    | -",
      "1ms    | 2ms   | 1ms   | 10    | refused | ha.cf:6: deadtime 2ms must be more than twice keepalive 1ms, or one lost packet would declare a node dead",
      "0      | 15    | 10    | 60    | refused | ha.cf:5: keepalive must be greater than 0 ms (it rounds to 0 ms)",
      "0.5    | 2     | 1     | 10    | runs    | -",
      "100ms  | 200ms | 150ms | 10    | refused | ha.cf:6: deadtime 200ms must be more than twice keepalive 100ms, or one lost packet would declare a node dead",
      "100ms  | 201ms | 150ms | 10    | runs    | -",
      "100ms  | 500ms | 300ms | 10    | runs    | -",
      "100ms  | 500ms | -     | -     | runs    | -",
      "100ms  | 500ms | 300ms | 400ms | refused | ha.cf:8: initdead 400ms is smaller than deadtime 500ms",
      "100ms  | 500ms | 300ms | 5     | runs    | ha.cf:8: warning: initdead 5000ms may be too small: it covers slow network start-up and should be at least deadtime and 10 s",
      "100ms  | 500ms | 600ms | 10    | runs    | ha.cf:7: warning: warntime 600ms is not below deadtime 500ms: a late heartbeat is reported only once the node is already dead",
      "100ms  | 500ms | 0     | 10    | refused | ha.cf:7: warntime must be greater than 0 ms",
      "400us  | 5ms   | 3ms   | 10    | refused | ha.cf:5: keepalive must be greater than 0 ms (it rounds to 0 ms)",
      "1500us | 5ms   | 3ms   | 10    | runs    | -",
      "2      | 15    | 10    | 14    | refused | ha.cf:8: initdead 14000ms is smaller than deadtime 15000ms",
  })
  void realHeartbeatAcceptance(String ka, String dt, String wt, String id, String result, String problem) {
    StringBuilder cf = new StringBuilder(BASE);
    // Unset timers are written as comments so that line numbers stay fixed.
    cf.append(ka == null ? "#\n" : "keepalive " + ka + "\n");
    cf.append(dt == null ? "#\n" : "deadtime " + dt + "\n");
    cf.append(wt == null ? "#\n" : "warntime " + wt + "\n");
    cf.append(id == null ? "#\n" : "initdead " + id + "\n");
    ConfigReport report = load(cf.toString());
    List<String> errs = errors(report, paths);
    List<String> warns = haCfWarningsOf(cf.toString());
    if (result.equals("runs")) {
      assertThat(errs).isEmpty();
      assertThat(report.valid()).isTrue();
      assertThat(warns).isEqualTo(problem == null ? List.of() : List.of(problem));
    } else {
      assertThat(report.valid()).isFalse();
      assertThat(errs).containsExactly(problem);
    }
  }

  @Test
  void warntimeAtOrBelowKeepaliveWarns() {
    assertThat(haCfWarningsOf(BASE + "keepalive 2\nwarntime 2\n"))
        .containsExactly("ha.cf:6: warning: warntime 2000ms is not above keepalive 2000ms: every heartbeat will be reported as late");
  }

  @Test
  void deadpingMustBeMoreThanTwiceKeepalive() {
    assertThat(errorsOf(BASE + "keepalive 2\ndeadping 4\n"))
        .containsExactly("ha.cf:6: deadping 4000ms must be more than twice keepalive 2000ms");
  }

  @Test
  void deadtimeErrorPointsAtKeepaliveWhenDeadtimeIsDefault() {
    assertThat(errorsOf(BASE + "keepalive 15\n"))
        .containsExactly("ha.cf:5: deadtime 30000ms must be more than twice keepalive 15000ms, or one lost packet would declare a node dead");
  }

  // ---- media and ports ------------------------------------------------------------------

  @Test
  void mediaUseTheUdpportInForceWhereTheyAreRead() {
    ConfigReport report = load("node alpha bravo\nauto_failback on\nlogfile /var/log/ha-log\n"
        + "bcast eth0\nudpport 7000\nbcast eth1\nucast eth2 10.0.0.2\nmcast eth3 225.0.0.1 6999 1 0\n");
    HaCf cf = report.config().orElseThrow().haCf();
    assertThat(cf.media()).containsExactly(
        new MediumSpec.Bcast("eth0", 694),
        new MediumSpec.Bcast("eth1", 7000),
        new MediumSpec.Ucast("eth2", "10.0.0.2", 7000),
        new MediumSpec.Mcast("eth3", "225.0.0.1", 6999, 1, false));
    assertThat(cf.udpPort()).isEqualTo(7000);
    assertThat(cf.parameter("udpport")).contains("7000");
    assertThat(warnings(report, paths)).contains(
        "ha.cf:5: warning: udpport comes after the medium at line 4, which keeps the port in force there;"
            + " put udpport before the media lines");
  }

  @Test
  void udpportBeforeMediaDoesNotWarn() {
    HaCf cf = valid("udpport 7000\n" + BASE);
    assertThat(cf.media()).containsExactly(new MediumSpec.Bcast("eth0", 7000));
    assertThat(haCfWarningsOf("udpport 7000\n" + BASE)).isEmpty();
  }

  @Test
  void defaultPortComesFromTheServicesFile() throws IOException {
    Files.writeString(tmp.resolve("services"), "# comment\nha-cluster\t694/tcp\nha-cluster  7694/udp  # heartbeat\n");
    HaCf cf = valid(BASE);
    assertThat(cf.udpPort()).isEqualTo(7694);
    assertThat(cf.media()).containsExactly(new MediumSpec.Bcast("eth0", 7694));
    assertThat(cf.parameter("udpport")).contains("7694");
  }

  @Test
  void defaultPortIs694WithoutAnHaClusterEntry() throws IOException {
    Files.writeString(tmp.resolve("services"), "domain 53/udp\nntp 123/udp\n");
    assertThat(valid(BASE).udpPort()).isEqualTo(694);
    Files.delete(tmp.resolve("services"));
    paths = TestConfigs.write(tmp, BASE);
    Files.delete(paths.servicesFile());
    ConfigReport report = ConfigLoader.load(paths, "alpha");
    assertThat(report.config().orElseThrow().haCf().udpPort()).isEqualTo(694);
  }

  @Test
  void udpportRegisteredToAnotherServiceWarns() throws IOException {
    Files.writeString(tmp.resolve("services"), "ha-cluster 694/udp\ndomain 53/tcp\ndomain 53/udp\n");
    assertThat(haCfWarningsOf("udpport 53\n" + BASE))
        .containsExactly("ha.cf:1: warning: udpport 53 is registered for 'domain' in /etc/services");
    assertThat(haCfWarningsOf("udpport 694\n" + BASE)).isEmpty();
  }

  @Test
  void noMediaIsAnError() {
    assertThat(errorsOf("node alpha bravo\nauto_failback on\nlogfile /var/log/ha-log\n"))
        .containsExactly("ha.cf: no heartbeat media defined: add a bcast, mcast or ucast line");
  }

  // ---- nodes ----------------------------------------------------------------------------

  @Test
  void listsSplitOnCommasAndBlanksAndNamesAreLowerCased() {
    HaCf cf = valid("node Alpha,BRAVO  charlie\tdelta, echo\nbcast eth0,eth1 eth2\nping gw1,gw2\n"
        + "auto_failback on\nlogfile /var/log/ha-log\n");
    assertThat(cf.nodes()).containsExactly("alpha", "bravo", "charlie", "delta", "echo");
    assertThat(cf.media()).extracting(MediumSpec::linkName).containsExactly("eth0", "eth1", "eth2");
    assertThat(cf.pingNodes()).extracting(PingNode::name).containsExactly("gw1", "gw2");
    assertThat(cf.localNode()).isEqualTo("alpha");
  }

  @Test
  void localNodeIsComparedCaseInsensitively() {
    paths = TestConfigs.write(tmp, BASE);
    ConfigReport report = ConfigLoader.load(paths, "ALPHA");
    assertThat(report.valid()).isTrue();
    assertThat(report.config().orElseThrow().haCf().localNode()).isEqualTo("alpha");
  }

  @Test
  void duplicateNodeWarnsAndIsListedOnce() {
    ConfigReport report = load(BASE + "node Bravo\n");
    assertThat(report.config().orElseThrow().haCf().nodes()).containsExactly("alpha", "bravo");
    assertThat(warnings(report, paths)).contains("ha.cf:5: warning: node 'bravo' is already listed at line 1");
  }

  @Test
  void localNodeNotListedIsAnError() {
    assertThat(errorsOf("node bravo charlie\nbcast eth0\nauto_failback on\nlogfile /var/log/ha-log\n"))
        .containsExactly("ha.cf:1: this node 'alpha' is not listed in a 'node' line (Heartbeat: Current node not in"
            + " configuration): add 'node alpha', or check that 'uname -n' (or --node) names this node");
  }

  @Test
  void noNodeIsAnError() {
    assertThat(errorsOf("bcast eth0\nauto_failback on\nlogfile /var/log/ha-log\n"))
        .containsExactly("ha.cf: no nodes defined: add a 'node NAME' line naming every cluster node as 'uname -n' prints it");
  }

  @Test
  void atMostOneHundredNodesAndPingNodes() {
    String nodes = "node alpha " + IntStream.range(1, 95).mapToObj(i -> "n" + i).collect(Collectors.joining(" ")) + "\n";
    String pings = "ping " + IntStream.range(1, 6).mapToObj(i -> "10.0.0." + i).collect(Collectors.joining(" ")) + "\n";
    assertThat(valid(nodes + pings + "bcast eth0\nauto_failback on\nlogfile /var/log/ha-log\n").nodes()).hasSize(95);
    String pings6 = "ping " + IntStream.range(1, 7).mapToObj(i -> "10.0.0." + i).collect(Collectors.joining(" ")) + "\n";
    assertThat(errorsOf(nodes + pings6 + "bcast eth0\nauto_failback on\nlogfile /var/log/ha-log\n"))
        .containsExactly("ha.cf: 101 nodes and ping nodes are configured; Heartbeat's node table holds 100");
  }

  @Test
  void pingNodeNamedLikeANodeIsAnError() {
    assertThat(errorsOf(BASE + "ping bravo\n"))
        .containsExactly("ha.cf:5: ping node 'bravo' has the name of a cluster node");
    assertThat(errorsOf(BASE + "ping_group Alpha 10.0.0.1\n"))
        .containsExactly("ha.cf:5: ping node 'alpha' has the name of a cluster node");
  }

  @Test
  void pingNodeNamedLikeANodeInAnotherCaseIsAnError() {
    assertThat(errorsOf(BASE + "ping Bravo\n"))
        .containsExactly("ha.cf:5: ping node 'Bravo' has the name of a cluster node");
  }

  @Test
  void pingGroupsAndPingNodes() {
    HaCf cf = valid(BASE + "ping 10.0.0.254\nping_group routers 10.0.0.1 10.0.0.2\n");
    assertThat(cf.pingNodes()).containsExactly(
        new PingNode("10.0.0.254", List.of("10.0.0.254"), false, 5),
        new PingNode("routers", List.of("10.0.0.1", "10.0.0.2"), true, 6));
  }

  // ---- auto_failback --------------------------------------------------------------------

  @ParameterizedTest(name = "auto_failback {0} -> {1}")
  @CsvSource({"on, ON", "off, OFF", "true, ON", "false, OFF", "yes, ON", "0, OFF", "ON, ON"})
  void autoFailbackValues(String text, AutoFailback expected) {
    String cf = "node alpha bravo\nbcast eth0\nlogfile /var/log/ha-log\nauto_failback " + text + "\n";
    assertThat(valid(cf).autoFailback()).isEqualTo(expected);
    assertThat(haCfWarningsOf(cf)).isEmpty();
  }

  @Test
  void explicitLegacyIsAcceptedWithHeartbeatsDeprecationWarning() {
    String cf = "node alpha bravo\nbcast eth0\nlogfile /var/log/ha-log\nauto_failback legacy\n";
    assertThat(valid(cf).autoFailback()).isEqualTo(AutoFailback.LEGACY);
    assertThat(haCfWarningsOf(cf)).containsExactly("ha.cf:4: warning: Heartbeat's deprecated 'legacy' auto_failback"
        + " mode is used; set 'auto_failback on' or 'auto_failback off'");
  }

  @Test
  void unsetAutoFailbackIsLegacyWithAWarning() {
    String cf = "node alpha bravo\nbcast eth0\nlogfile /var/log/ha-log\n";
    assertThat(valid(cf).autoFailback()).isEqualTo(AutoFailback.LEGACY);
    assertThat(haCfWarningsOf(cf)).containsExactly("ha.cf: warning: auto_failback is not set, so Heartbeat's deprecated"
        + " 'legacy' mode is used; set 'auto_failback on' or 'auto_failback off'");
  }

  @Test
  void niceFailbackAloneIsLegacy() {
    String cf = "node alpha bravo\nbcast eth0\nlogfile /var/log/ha-log\nnice_failback on\n";
    assertThat(valid(cf).autoFailback()).isEqualTo(AutoFailback.LEGACY);
    assertThat(haCfWarningsOf(cf)).containsExactly(
        "ha.cf:4: warning: nice_failback is obsolete; use 'auto_failback on' or 'auto_failback off'",
        "ha.cf:4: warning: Heartbeat's deprecated 'legacy' auto_failback mode is used; set 'auto_failback on'"
            + " or 'auto_failback off'");
  }

  @Test
  void niceFailbackAfterAnExplicitAutoFailbackIsOff() {
    String on = "node alpha bravo\nbcast eth0\nlogfile /var/log/ha-log\nauto_failback on\nnice_failback off\n";
    assertThat(valid(on).autoFailback()).isEqualTo(AutoFailback.OFF);
    String legacy = "node alpha bravo\nbcast eth0\nlogfile /var/log/ha-log\nauto_failback legacy\nnice_failback on\n";
    assertThat(valid(legacy).autoFailback()).isEqualTo(AutoFailback.LEGACY);
  }

  @Test
  void autoFailbackAfterNiceFailbackWins() {
    String cf = "node alpha bravo\nbcast eth0\nlogfile /var/log/ha-log\nnice_failback on\nauto_failback on\n";
    assertThat(valid(cf).autoFailback()).isEqualTo(AutoFailback.ON);
  }

  // ---- logging --------------------------------------------------------------------------

  @Test
  void loggingTargets() {
    HaCf cf = valid("node alpha bravo\nbcast eth0\nauto_failback on\nlogfile /var/log/ha-log\n"
        + "debugfile /var/log/ha-debug\nlogfacility local0\nsyslogmsgfmt false\nlog_badpack no\ndebug 3\n");
    assertThat(cf.logging()).isEqualTo(new LogSettings(java.util.Optional.of("/var/log/ha-log"),
        java.util.Optional.of("/var/log/ha-debug"), java.util.Optional.of("local0"), false, false, 3));
  }

  @Test
  void devNullDisablesAFileAndNoTargetFallsBackToDaemon() {
    String cf = "node alpha bravo\nbcast eth0\nauto_failback on\nlogfile /dev/null\nlogfacility none\n";
    HaCf haCf = valid(cf);
    assertThat(haCf.logging().logFile()).isEmpty();
    assertThat(haCf.logging().debugFile()).isEmpty();
    assertThat(haCf.logging().facility()).contains("daemon");
    assertThat(haCfWarningsOf(cf)).containsExactly("ha.cf: warning: no logfile, debugfile or logfacility is set:"
        + " jheartbeat logs to syslog facility 'daemon', where Heartbeat's logging daemon would have sent the lines");
  }

  @Test
  void devNullLogfileKeepsTheFacility() {
    HaCf cf = valid("node alpha bravo\nbcast eth0\nauto_failback on\nlogfile /dev/null\nlogfacility local7\n");
    assertThat(cf.logging().logFile()).isEmpty();
    assertThat(cf.logging().facility()).contains("local7");
    assertThat(cf.logging().syslogMsgFmt()).isTrue();
    assertThat(cf.logging().logBadPackets()).isTrue();
    assertThat(cf.logging().debugLevel()).isZero();
  }

  @Test
  void useLogdOffWithoutTargetIsAnError() {
    assertThat(errorsOf("node alpha bravo\nbcast eth0\nauto_failback on\nuse_logd no\n"))
        .containsExactly("ha.cf:4: use_logd is off and no logfile, debugfile or logfacility is set: log lines would go nowhere");
  }

  @Test
  void useLogdOnWithoutTargetFallsBackToDaemon() {
    String cf = "node alpha bravo\nbcast eth0\nauto_failback on\nuse_logd yes\n";
    assertThat(valid(cf).logging().facility()).contains("daemon");
    assertThat(haCfWarningsOf(cf)).hasSize(2);
  }

  // ---- directives not acted on, repeats, refusals ----------------------------------------

  @Test
  void everyDirectiveNotActedOnWarnsNamingIt() {
    StringBuilder cf = new StringBuilder(BASE);
    List<Directive> notActedOn = Directives.all().stream().filter(d -> !d.support().actedOn()).toList();
    List<String> expected = new java.util.ArrayList<>();
    int line = 5;
    for (Directive d : notActedOn) {
      cf.append(d.name()).append(' ').append(sampleFor(d.name())).append('\n');
      expected.add("ha.cf:" + line++ + ": warning: '" + d.name() + "' is accepted for compatibility but jheartbeat"
          + " does not act on it: " + d.support().note());
    }
    ConfigReport report = load(cf.toString());
    assertThat(errors(report, paths)).isEmpty();
    assertThat(haCfWarningsOf(cf.toString())).containsAll(expected);
    assertThat(haCfWarningsOf(cf.toString())).filteredOn(w -> w.contains("does not act on it")).hasSize(notActedOn.size());
  }

  @Test
  void notActedOnWarnsOncePerDirective() {
    assertThat(haCfWarningsOf(BASE + "serial /dev/ttyS0\nserial /dev/ttyS1\n"))
        .containsExactly("ha.cf:5: warning: 'serial' is accepted for compatibility but jheartbeat does not act on it:"
            + " jheartbeat has no serial transport; use bcast, mcast or ucast");
  }

  private static String sampleFor(String name) {
    return switch (name) {
      case "serial" -> "/dev/ttyS0";
      case "baud" -> "19200";
      case "mcast6" -> "eth0 ff02::1 694 1 0";
      case "ucast6" -> "eth0 fe80::1";
      case "ping6" -> "fe80::2";
      case "failfast" -> "hacluster /usr/lib/heartbeat/ccm";
      case "use_logd", "coredumps", "traditional_compression", "use_apphbd", "crmd_spawns_pengine",
          "record_config_changes", "record_pengine_inputs", "enable_config_writes", "realtime" -> "no";
      case "conn_logd_time" -> "60";
      case "rtprio" -> "5";
      case "memreserve" -> "6500";
      case "coreroot", "crm_daemon_dir" -> "/var/tmp";
      case "compression" -> "bz2";
      case "compression_threshold" -> "2";
      case "cluster" -> "linux-ha";
      case "quorum_server" -> "qs.example.com";
      default -> throw new AssertionError("no sample for " + name);
    };
  }

  @Test
  void repeatedSingleDirectiveWarnsAndTheLaterWins() {
    ConfigReport report = load(BASE + "keepalive 2\nkeepalive 3\n");
    assertThat(report.config().orElseThrow().haCf().timing().keepaliveMs()).isEqualTo(3000);
    assertThat(warnings(report, paths)).contains("ha.cf:6: warning: keepalive is also set at line 5; this later value wins");
  }

  @Test
  void baudTwiceIsAnError() {
    assertThat(errorsOf(BASE + "baud 19200\nbaud 9600\n"))
        .containsExactly("ha.cf:6: baud may be given only once (first at line 5)");
  }

  @Test
  void watchdogTwiceIsAnError() {
    assertThat(errorsOf(BASE + "watchdog /dev/watchdog\nwatchdog /dev/watchdog1\n"))
        .containsExactly("ha.cf:6: watchdog may be given only once (first at line 5)");
  }

  @Test
  void pacemakerOnIsAnError() {
    assertThat(errorsOf(BASE + "pacemaker on\n")).containsExactly("ha.cf:5: pacemaker on: jheartbeat manages haresources"
        + " groups itself and does not run Pacemaker; remove this line or set it to 'off'");
    assertThat(errorsOf(BASE + "crm respawn\n")).containsExactly("ha.cf:5: crm respawn: jheartbeat manages haresources"
        + " groups itself and does not run Pacemaker; remove this line or set it to 'off'");
    assertThat(errorsOf(BASE + "pacemaker off\n")).isEmpty();
  }

  @Test
  void autojoinWithHaresourcesIsAnError() {
    paths = TestConfigs.write(tmp, BASE + "autojoin other\n", TestConfigs.AUTHKEYS, "alpha 10.0.0.10\n");
    ConfigReport report = ConfigLoader.load(paths, "alpha");
    assertThat(errors(report, paths)).containsExactly("ha.cf:5: autojoin other conflicts with haresources resource"
        + " management (Heartbeat refuses it too); use 'autojoin none'");
  }

  @Test
  void autojoinWithoutHaresourcesIsAccepted() {
    assertThat(errorsOf(BASE + "autojoin any\n")).isEmpty();
  }

  @Test
  void unknownDirectiveWithAndWithoutSuggestion() {
    assertThat(errorsOf(BASE + "keepalvie 2\nKeepalive 2\nfrobnicate 1\n")).containsExactly(
        "ha.cf:5: unknown directive 'keepalvie' (did you mean 'keepalive'?)",
        "ha.cf:6: unknown directive 'Keepalive' (did you mean 'keepalive'?)",
        "ha.cf:7: unknown directive 'frobnicate'");
  }

  @Test
  void commentsBlankLinesAndCrlf() {
    HaCf cf = valid("# ha.cf\n\n   \r\nnode alpha bravo # the nodes\r\n\tbcast eth0\r\nauto_failback on\nlogfile /var/log/ha-log\n"
        + "deadtime 10#no blank before the comment\n");
    assertThat(cf.nodes()).containsExactly("alpha", "bravo");
    assertThat(cf.timing().deadtimeMs()).isEqualTo(10_000);
    assertThat(cf.settingsOf("deadtime")).extracting(Setting::line).containsExactly(8);
  }

  @Test
  void protocolClientsAndFencing() {
    HaCf cf = valid(BASE + "msgfmt netstring\nhbgenmethod time\nuuidfrom nodename\nmax_rexmit_delay 100\nhopfudge 3\n"
        + "respawn hacluster /usr/lib/heartbeat/ipfail\napiauth ipfail uid=hacluster\nenv FOO=bar\n"
        + "watchdog /dev/watchdog\nstonith baytech /etc/st.cfg\nstonith_host * baytech 10.0.0.3 login SECRETPW\n");
    assertThat(cf.protocol()).isEqualTo(new HaCf.Protocol("netstring", "time", "nodename", 100, 3));
    assertThat(cf.clients().respawn()).containsExactly(new LineValues.Respawn("hacluster", "/usr/lib/heartbeat/ipfail", List.of()));
    assertThat(cf.clients().apiauth()).containsExactly(new LineValues.ApiAuth("ipfail", List.of("hacluster"), List.of()));
    assertThat(cf.clients().env()).containsExactly(new LineValues.EnvVar("FOO", "bar"));
    assertThat(cf.clients().watchdog()).contains("/dev/watchdog");
    assertThat(cf.fencing().stonith()).contains(new LineValues.Stonith("baytech", "/etc/st.cfg"));
    assertThat(cf.fencing().stonithHosts()).hasSize(1);
    assertThat(cf.fencing().toString()).doesNotContain("SECRETPW");
  }

  @Test
  void protocolDefaults() {
    assertThat(valid(BASE).protocol()).isEqualTo(new HaCf.Protocol("classic", "file", "file", 250, 1));
  }
}
