package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.jheartbeat.config.ResourceSpec;
import org.jheartbeat.testkit.LogCapture;
import org.jheartbeat.testkit.ManualClock;
import org.jheartbeat.testkit.ManualScheduler;
import org.jheartbeat.testkit.ScriptedProcessRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The commands BuiltinIpaddr issues, against canned {@code ip} output; ARP timing on a manual clock. */
class BuiltinIpaddrTest {
  private static final String LISTING = String.join("\n",
      "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever",
      "2: eth0    inet 192.168.21.10/24 brd 192.168.21.255 scope global eth0\\       valid_lft forever preferred_lft forever",
      "");
  private static final String WITH_VIP = LISTING
      + "2: eth0    inet 192.168.21.1/24 brd 192.168.21.255 scope global secondary eth0:0\\       valid_lft forever\n";

  private final ManualScheduler scheduler = new ManualScheduler(new ManualClock());
  private final LogCapture logs = new LogCapture("org.jheartbeat.resources");

  @AfterEach
  void close() {
    logs.close();
  }

  private static BuiltinIpaddr agent(String arg, ScriptedProcessRunner runner, GratuitousArp arp) {
    return new BuiltinIpaddr(new ResourceSpec("IPaddr::" + arg, "IPaddr", List.of(arg)), runner, arp,
        AgentTimeouts.DEFAULTS);
  }

  private static ScriptedProcessRunner ip(String listing) {
    return new ScriptedProcessRunner()
        .answer("ip -o -4 addr show", 0, listing)
        .answer("arping -V", 0, "arping from iputils 20221126\n");
  }

  @Test
  void startAddsTheAddressWithCalculatedNetmaskBroadcastAndAliasLabel() {
    ScriptedProcessRunner runner = ip(LISTING);
    BuiltinIpaddr vip = agent("192.168.21.1", runner, new GratuitousArp(runner, scheduler));
    assertThat(vip.run(AgentOperation.START)).isCompletedWithValue(AgentResult.SUCCESS);
    assertThat(runner.callsOf("ip")).containsExactly(
        List.of("ip", "-o", "-4", "addr", "show"),
        List.of("ip", "-4", "addr", "add", "192.168.21.1/24", "brd", "192.168.21.255", "dev", "eth0",
            "label", "eth0:0"));
    assertThat(logs.lines()).contains(
        "info: Running built-in IPaddr 192.168.21.1 start",
        "info: Using calculated netmask for 192.168.21.1: 255.255.255.0",
        "info: Using calculated nic for 192.168.21.1: eth0",
        "info: Gratuitous ARP through iputils arping (arping -U/-A -I)");
  }

  @Test
  void gratuitousArpIsTenAnnouncements250MsApartAlternatingRequestAndReply() {
    ScriptedProcessRunner runner = ip(LISTING);
    BuiltinIpaddr vip = agent("192.168.21.1/24/eth0", runner, new GratuitousArp(runner, scheduler));
    assertThat(vip.run(AgentOperation.START)).isCompletedWithValue(AgentResult.SUCCESS);
    assertThat(runner.callsOf("arping")).hasSize(2); // -V, then the first announcement at once
    scheduler.advance(Duration.ofMillis(249));
    assertThat(runner.callsOf("arping")).hasSize(2);
    scheduler.advance(Duration.ofMillis(1));
    assertThat(runner.callsOf("arping")).hasSize(3);
    scheduler.advance(Duration.ofSeconds(10));
    List<List<String>> sent = runner.callsOf("arping").subList(1, 11);
    assertThat(runner.callsOf("arping")).hasSize(11);
    assertThat(sent.get(0)).containsExactly("arping", "-q", "-U", "-c", "1", "-I", "eth0", "192.168.21.1");
    assertThat(sent.get(1)).containsExactly("arping", "-q", "-A", "-c", "1", "-I", "eth0", "192.168.21.1");
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void theSecondAliasOnAnInterfaceGetsTheNextLabel() {
    ScriptedProcessRunner runner = ip(WITH_VIP);
    BuiltinIpaddr vip = agent("192.168.21.2/24/eth0", runner, new GratuitousArp(runner, scheduler));
    vip.run(AgentOperation.START);
    assertThat(runner.callsOf("ip").get(1)).containsSequence("label", "eth0:1");
  }

  @Test
  void statusLooksForTheAddressOnTheGivenInterface() {
    ScriptedProcessRunner up = ip(WITH_VIP);
    assertThat(agent("192.168.21.1/24/eth0", up, new GratuitousArp(up, scheduler)).run(AgentOperation.STATUS))
        .isCompletedWithValue(AgentResult.RUNNING);
    assertThat(up.calls()).containsExactly(List.of("ip", "-o", "-4", "addr", "show", "dev", "eth0"));
    ScriptedProcessRunner down = ip(LISTING);
    assertThat(agent("192.168.21.1/24/eth0", down, new GratuitousArp(down, scheduler)).run(AgentOperation.STATUS))
        .isCompletedWithValue(AgentResult.STOPPED);
    ScriptedProcessRunner noDevice = new ScriptedProcessRunner().answer("ip -o -4 addr show", 1, "");
    assertThat(agent("192.168.21.1/24/eth9", noDevice, new GratuitousArp(noDevice, scheduler))
        .run(AgentOperation.STATUS)).isCompletedWithValue(AgentResult.STOPPED);
  }

  @Test
  void stoppingTheAddressCallsOffTheAnnouncementsStillToCome() {
    ScriptedProcessRunner runner = ip(LISTING);
    BuiltinIpaddr vip = agent("192.168.21.1/24/eth0", runner, new GratuitousArp(runner, scheduler));
    assertThat(vip.run(AgentOperation.START)).isCompletedWithValue(AgentResult.SUCCESS);
    scheduler.advance(Duration.ofMillis(250));
    assertThat(runner.callsOf("arping")).hasSize(3);
    assertThat(vip.run(AgentOperation.STOP)).isCompletedWithValue(AgentResult.SUCCESS);
    scheduler.advance(Duration.ofSeconds(10));
    assertThat(runner.callsOf("arping")).hasSize(3);
  }

  @Test
  void stopDeletesTheAddressWhereItIsAndAnAbsentAddressIsAlreadyStopped() {
    ScriptedProcessRunner up = ip(WITH_VIP);
    assertThat(agent("192.168.21.1", up, new GratuitousArp(up, scheduler)).run(AgentOperation.STOP))
        .isCompletedWithValue(AgentResult.SUCCESS);
    assertThat(up.calls().get(1)).containsExactly("ip", "-4", "addr", "del", "192.168.21.1/24", "dev", "eth0");
    ScriptedProcessRunner down = ip(LISTING);
    assertThat(agent("192.168.21.1/24/eth0", down, new GratuitousArp(down, scheduler)).run(AgentOperation.STOP))
        .isCompletedWithValue(AgentResult.SUCCESS);
    assertThat(down.calls()).hasSize(1);
  }

  @Test
  void aFailingIpCommandFailsTheStartWithItsOutputInTheLog() {
    ScriptedProcessRunner runner = ip(LISTING).answer("ip -4 addr add", 2, "RTNETLINK answers: Operation not permitted");
    assertThat(agent("192.168.21.1/24/eth0", runner, new GratuitousArp(runner, scheduler)).run(AgentOperation.START))
        .isCompletedWithValue(AgentResult.FAILED);
    assertThat(logs.lines()).contains(
        "ERROR: Resource IPaddr::192.168.21.1/24/eth0 start failed: exit 2: RTNETLINK answers: Operation not permitted");
    assertThat(runner.callsOf("arping")).isEmpty();
  }

  @Test
  void noSubnetForTheAddressFailsTheStart() {
    ScriptedProcessRunner runner = ip(LISTING);
    assertThat(agent("10.99.0.1", runner, new GratuitousArp(runner, scheduler)).run(AgentOperation.START))
        .isCompletedWithValue(AgentResult.FAILED);
    assertThat(logs.lines()).contains(
        "ERROR: Resource IPaddr::10.99.0.1 start failed: Unable to find nic or netmask for 10.99.0.1");
  }

  @Test
  void detectsEitherArpingAndBuildsItsArguments() {
    assertThat(GratuitousArp.classify("arping from iputils 20221126")).isEqualTo(GratuitousArp.Flavor.IPUTILS);
    assertThat(GratuitousArp.classify("arping utility, iputils-s20180629")).isEqualTo(GratuitousArp.Flavor.IPUTILS);
    assertThat(GratuitousArp.classify("ARPing 2.23, by Thomas Habets <thomas@habets.se>"))
        .isEqualTo(GratuitousArp.Flavor.HABETS);
    assertThat(GratuitousArp.classify("exec of \"arping\" failed: No such file or directory"))
        .isEqualTo(GratuitousArp.Flavor.NONE);
    assertThat(GratuitousArp.classify("ARPing 2.23, by Thomas Habets <thomas@habets.se>\nusage: arping [ -0aAbdDeFpPqrRuUvzZ ]"
        + "\narping: option requires an argument -- 'V'")).isEqualTo(GratuitousArp.Flavor.HABETS);
    assertThat(GratuitousArp.sent(GratuitousArp.Flavor.HABETS, 1)).isTrue();
    assertThat(GratuitousArp.sent(GratuitousArp.Flavor.IPUTILS, 1)).isFalse();
    assertThat(GratuitousArp.sent(GratuitousArp.Flavor.IPUTILS, 0)).isTrue();
    assertThat(GratuitousArp.argv(GratuitousArp.Flavor.HABETS, "eth0", "10.0.0.1", 0))
        .containsExactly("arping", "-q", "-U", "-c", "1", "-i", "eth0", "-S", "10.0.0.1", "10.0.0.1");
    assertThat(GratuitousArp.argv(GratuitousArp.Flavor.HABETS, "eth0", "10.0.0.1", 1))
        .containsExactly("arping", "-q", "-U", "-P", "-c", "1", "-i", "eth0", "-S", "10.0.0.1", "10.0.0.1");
  }

  @Test
  void withoutArpingTheStartStillSucceedsAndSaysSo() {
    ScriptedProcessRunner runner = new ScriptedProcessRunner()
        .answer("ip -o -4 addr show", 0, LISTING)
        .answer("arping", 127, "");
    assertThat(agent("192.168.21.1/24/eth0", runner, new GratuitousArp(runner, scheduler)).run(AgentOperation.START))
        .isCompletedWithValue(AgentResult.SUCCESS);
    assertThat(runner.callsOf("arping")).hasSize(2); // -V and --help, no announcement
    assertThat(logs.lines()).contains(
        "WARN: No arping installed (iputils-arping or arping): gratuitous ARP disabled",
        "WARN: No arping found: no gratuitous ARP for 192.168.21.1 on eth0");
  }
}
