package org.jheartbeat.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DirectivesTest {

  /** The directives of spec membership §4.1's table. */
  private static final List<String> SPEC = List.of(
      "node", "keepalive", "deadtime", "warntime", "initdead", "deadping", "udpport", "bcast",
      "mcast", "ucast", "serial", "baud", "ping", "ping_group", "mcast6", "ucast6", "ping6",
      "auto_failback", "nice_failback", "hopfudge", "hbgenmethod", "logfile", "debugfile",
      "logfacility", "use_logd", "conn_logd_time", "syslogmsgfmt", "log_badpack", "msgfmt",
      "realtime", "rtprio", "debug", "watchdog", "respawn", "failfast", "apiauth", "stonith",
      "stonith_host", "autojoin", "uuidfrom", "max_rexmit_delay", "compression",
      "compression_threshold", "traditional_compression", "memreserve", "coredumps", "coreroot",
      "cluster", "quorum_server", "env", "use_apphbd", "pacemaker", "crm", "crm_daemon_dir",
      "crmd_spawns_pengine", "record_config_changes", "record_pengine_inputs",
      "enable_config_writes");

  /** Directives of jheartbeat only (real Heartbeat refuses them). */
  private static final List<String> JHEARTBEAT_ONLY = List.of("http_api", "split_brain_policy");

  /** name → {valid sample, invalid sample or null when no text is wrong}. */
  private static final Map<String, String[]> SAMPLES = new LinkedHashMap<>();

  static {
    s("node", "alpha", "al=pha");
    s("keepalive", "2", "2min");
    s("deadtime", "15", "-15");
    s("warntime", "10", "ten");
    s("initdead", "60", "60 s");
    s("deadping", "500ms", "500m");
    s("udpport", "694", "65536");
    s("bcast", "eth0", "eth0/1");
    s("mcast", "eth0 225.0.0.1 694 1 0", "eth0 192.168.1.1 694 1 0");
    s("ucast", "eth0 10.0.0.2", "eth0");
    s("serial", "/dev/ttyS0", null);
    s("baud", "19200", "19201");
    s("mcast6", "eth0 ff02::1 694 1 0", " ");
    s("ucast6", "eth0 fe80::1", " ");
    s("ping", "192.168.21.254", "999.1.1.1");
    s("ping6", "fe80::1", null);
    s("ping_group", "routers 10.0.0.1 10.0.0.2", "routers");
    s("auto_failback", "on", "sometimes");
    s("nice_failback", "off", "maybe");
    s("stonith", "baytech /etc/ha.d/conf/stonith.baytech", "baytech");
    s("stonith_host", "* baytech 10.0.0.3 mylogin mysecretpassword", "*");
    s("respawn", "hacluster /usr/lib/heartbeat/ipfail", "hacluster ipfail");
    s("failfast", "hacluster /usr/lib/heartbeat/ccm", "hacluster");
    s("apiauth", "ipfail uid=hacluster", "ipfail user=hacluster");
    s("env", "FOO=bar", "=bar");
    s("watchdog", "/dev/watchdog", "watchdog");
    s("logfile", "/var/log/ha-log", "ha-log");
    s("debugfile", "/var/log/ha-debug", "ha-debug");
    s("logfacility", "local0", "local8");
    s("syslogmsgfmt", "false", "fals");
    s("use_logd", "yes", "yess");
    s("conn_logd_time", "60", "1h");
    s("log_badpack", "false", "2");
    s("debug", "0", "256");
    s("msgfmt", "netstring", "json");
    s("hbgenmethod", "time", "random");
    s("uuidfrom", "nodename", "mac");
    s("max_rexmit_delay", "250", "0");
    s("hopfudge", "1", "-1");
    s("autojoin", "none", "all");
    s("realtime", "true", "fifo");
    s("rtprio", "50", "100");
    s("memreserve", "6500", "0");
    s("coredumps", "true", "perhaps");
    s("coreroot", "/var/lib/heartbeat/cores", "cores");
    s("compression", "zlib", "gzip");
    s("compression_threshold", "2", "two");
    s("traditional_compression", "no", "nope");
    s("cluster", "linux-ha", null);
    s("quorum_server", "quorum.example.com", null);
    s("use_apphbd", "no", "none");
    s("pacemaker", "off", "sometimes");
    s("crm", "respawn", "restart");
    s("crm_daemon_dir", "/usr/lib/pacemaker", "pacemaker");
    s("crmd_spawns_pengine", "no", "never");
    s("record_config_changes", "no", "never");
    s("record_pengine_inputs", "no", "never");
    s("enable_config_writes", "no", "never");
    s("http_api", "127.0.0.1:8080", "localhost:http");
    s("split_brain_policy", "ping_quorum", "coin_toss");
  }

  private static void s(String name, String valid, String invalid) {
    SAMPLES.put(name, new String[] {valid, invalid});
  }

  @Test
  void tableHasExactlyTheDirectivesOfTheSpec() {
    assertThat(Directives.all()).extracting(Directive::name)
        .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(SPEC.stream(), JHEARTBEAT_ONLY.stream())
            .toList());
    assertThat(JHEARTBEAT_ONLY).allSatisfy(name -> assertThat(Directives.named(name).orElseThrow().description())
        .contains("real Heartbeat refuses"));
    for (String name : SPEC) {
      assertThat(Directives.named(name)).as(name).isPresent();
    }
  }

  @Test
  void lookupIsCaseSensitive() {
    assertThat(Directives.named("Keepalive")).isEmpty();
    assertThat(Directives.named("nosuch")).isEmpty();
  }

  @Test
  void everyDirectiveHasADescription() {
    assertThat(Directives.all()).allSatisfy(d -> assertThat(d.description()).as(d.name()).isNotBlank());
  }

  @Test
  void everyDirectiveNotActedOnExplainsWhy() {
    assertThat(Directives.all()).filteredOn(d -> !d.support().actedOn())
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.support().note()).as(d.name()).isNotBlank());
    assertThat(Directives.all()).filteredOn(d -> d.support().actedOn())
        .allSatisfy(d -> assertThat(d.support().note()).as(d.name()).isEmpty());
  }

  @Test
  void notActedOnDirectivesAreTheOnesWithoutAnImplementation() {
    assertThat(Directives.all()).filteredOn(d -> !d.support().actedOn()).extracting(Directive::name)
        .containsExactlyInAnyOrder("serial", "baud", "mcast6", "ucast6", "ping6", "failfast",
            "use_logd", "conn_logd_time", "memreserve", "coredumps",
            "coreroot", "compression", "compression_threshold", "traditional_compression",
            "cluster", "quorum_server", "use_apphbd", "crm_daemon_dir", "crmd_spawns_pengine",
            "record_config_changes", "record_pengine_inputs", "enable_config_writes");
  }

  @Test
  void everyDirectiveHasASample() {
    assertThat(SAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(
        Directives.all().stream().map(Directive::name).toList());
  }

  @Test
  void defaultsAsHeartbeatShowsThem() {
    assertThat(Directives.named("keepalive").orElseThrow().defaultText()).contains("1000ms");
    assertThat(Directives.named("deadtime").orElseThrow().defaultText()).contains("30000ms");
    assertThat(Directives.named("warntime").orElseThrow().defaultText()).isEmpty();
    assertThat(Directives.named("auto_failback").orElseThrow().defaultText()).contains("legacy");
    assertThat(Directives.named("baud").orElseThrow().defaultText()).contains("19200");
    assertThat(Directives.named("hopfudge").orElseThrow().defaultText()).contains("1");
  }

  static Stream<Arguments> samples() {
    return SAMPLES.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()[0], e.getValue()[1]));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("samples")
  void validSampleParses(String name, String valid, String invalid) throws InvalidValueException {
    Directive d = Directives.named(name).orElseThrow();
    assertThat(d.parser().parse(valid)).isNotNull();
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("samples")
  void invalidSampleIsRefused(String name, String valid, String invalid) {
    if (invalid == null) {
      // Free text: there is no wrong syntax, and the text is kept as written.
      assertThatCode(() -> assertThat(parse(name, "any-text_1")).isEqualTo("any-text_1")).doesNotThrowAnyException();
      return;
    }
    Directive d = Directives.named(name).orElseThrow();
    assertThatThrownBy(() -> d.parser().parse(invalid))
        .as(name + " " + invalid)
        .isInstanceOf(InvalidValueException.class)
        .hasMessageNotContaining("null");
  }

  @Test
  void typedValues() throws InvalidValueException {
    assertThat(parse("node", "Alpha.Example.COM")).isEqualTo("alpha.example.com");
    assertThat(parse("keepalive", "1.5")).isEqualTo(1500L);
    assertThat(parse("udpport", "694")).isEqualTo(694L);
    assertThat(parse("auto_failback", "ON")).isEqualTo("on");
    assertThat(parse("auto_failback", "yes")).isEqualTo("true");
    assertThat(parse("auto_failback", "0")).isEqualTo("false");
    assertThat(parse("pacemaker", "n")).isEqualTo("false");
    assertThat(parse("log_badpack", "Y")).isEqualTo(Boolean.TRUE);
    assertThat(parse("mcast", "eth1 239.0.0.42 6940 4 1"))
        .isEqualTo(new MediumSpec.Mcast("eth1", "239.0.0.42", 6940, 4, true));
    assertThat(parse("ucast", "eth0\t10.0.0.2")).isEqualTo(new LineValues.UcastTarget("eth0", "10.0.0.2"));
    assertThat(parse("ping_group", "Routers 10.0.0.1 gw.example.com"))
        .isEqualTo(new LineValues.PingGroup("routers", List.of("10.0.0.1", "gw.example.com")));
    assertThat(parse("respawn", "hacluster /usr/lib/heartbeat/ipfail -v"))
        .isEqualTo(new LineValues.Respawn("hacluster", "/usr/lib/heartbeat/ipfail", List.of("-v")));
    assertThat(parse("apiauth", "ping gid=haclient,other uid=root"))
        .isEqualTo(new LineValues.ApiAuth("ping", List.of("root"), List.of("haclient", "other")));
    assertThat(parse("env", "FOO=a=b")).isEqualTo(new LineValues.EnvVar("FOO", "a=b"));
    assertThat(parse("stonith", "baytech /etc/st.cfg")).isEqualTo(new LineValues.Stonith("baytech", "/etc/st.cfg"));
  }

  @Test
  void invalidValueMessages() {
    assertThatThrownBy(() -> parse("udpport", "65536")).hasMessage("65536 is out of range (1 to 65535)");
    assertThatThrownBy(() -> parse("udpport", "x")).hasMessage("'x' is not a whole number");
    assertThatThrownBy(() -> parse("baud", "19201"))
        .hasMessage("19201 is not one of [9600, 19200, 38400, 57600, 115200, 230400, 460800]");
    assertThatThrownBy(() -> parse("mcast", "eth0 192.168.1.1 694 1 0"))
        .hasMessage("multicast group '192.168.1.1' is not an IPv4 multicast address (224.0.0.0 to 239.255.255.255)");
    assertThatThrownBy(() -> parse("mcast", "eth0 225.0.0.1 694 5 0")).hasMessage("ttl: 5 is out of range (0 to 4)");
    assertThatThrownBy(() -> parse("mcast", "eth0 225.0.0.1 694 1 2")).hasMessage("loop: 2 is out of range (0 to 1)");
    assertThatThrownBy(() -> parse("mcast", "eth0 225.0.0.1 0 1 0")).hasMessage("port: 0 is out of range (1 to 65535)");
    assertThatThrownBy(() -> parse("mcast", "eth0 225.0.0.1"))
        .hasMessage("expected 'mcast INTERFACE GROUP PORT TTL LOOP' (5 words), got 2");
    assertThatThrownBy(() -> parse("ucast", "eth0"))
        .hasMessage("expected 'ucast INTERFACE PEER-ADDRESS' (2 words), got 1");
    assertThatThrownBy(() -> parse("bcast", "averyveryverylongname"))
        .hasMessage("'averyveryverylongname' is not a network interface name (at most 15 printable characters, no '/')");
    // Found by the fuzzer: a leading control character was lost when the dump was read back.
    assertThatThrownBy(() -> parse("bcast", "\u001fh0"))
        .hasMessage("'\u001fh0' is not a network interface name (at most 15 printable characters, no '/')");
    assertThatThrownBy(() -> parse("logfacility", "local8"))
        .hasMessage("'local8' is not one of none, auth, authpriv, cron, daemon, ftp, kern, lpr, mail, news,"
            + " syslog, user, uucp, local0, local1, local2, local3, local4, local5, local6, local7");
    assertThatThrownBy(() -> parse("auto_failback", "sometimes"))
        .hasMessage("'sometimes' is not one of on, off, legacy or a boolean");
    assertThatThrownBy(() -> parse("node", "al=pha")).hasMessage("node name 'al=pha' contains '=' (use the name 'uname -n' prints)");
    assertThatThrownBy(() -> parse("node", "a".repeat(101)))
        .hasMessage("node name '" + "a".repeat(101) + "' is longer than 100 characters");
    assertThatThrownBy(() -> parse("ping", "999.1.1.1")).hasMessage("'999.1.1.1' is neither an IPv4 address nor a host name");
    assertThatThrownBy(() -> parse("respawn", "hacluster ipfail")).hasMessage("program 'ipfail' must be an absolute path");
    assertThatThrownBy(() -> parse("env", "=bar")).hasMessage("expected 'env NAME=VALUE', got '=bar'");
  }

  private static Object parse(String name, String text) throws InvalidValueException {
    return Directives.named(name).orElseThrow().parser().parse(text);
  }
}
