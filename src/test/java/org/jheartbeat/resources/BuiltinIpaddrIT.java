package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jheartbeat.config.ResourceGroup;
import org.jheartbeat.config.ResourceSpec;
import org.jheartbeat.config.ScriptLookup;
import org.jheartbeat.platform.SystemProcessRunner;
import org.jheartbeat.resources.GroupActions.GroupOutcome;
import org.jheartbeat.runtime.Clock;
import org.jheartbeat.runtime.EventLoop;
import org.jheartbeat.testkit.LogCapture;
import org.jheartbeat.testkit.Netns;
import org.jheartbeat.testkit.NetnsProcessRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in IPaddr on a real interface: node {@code jhb-agents-ip-n1} with {@code eth0}
 * (10.201.0.10/24) and a neighbour {@code jhb-agents-ip-n2} (10.201.0.20/24, {@code arp_accept=1}
 * so gratuitous ARP creates its neighbour entry) on a bridge in {@code jhb-agents-ip-sw}. The
 * group {@code node1 IPaddr::10.201.0.50} is started and stopped through GroupRunner with no
 * IPaddr script installed; every command runs through {@code ip netns exec}. Root only.
 */
class BuiltinIpaddrIT {
  private static final String SW = "jhb-agents-ip-sw";
  private static final String N1 = "jhb-agents-ip-n1";
  private static final String N2 = "jhb-agents-ip-n2";
  private static final String MAC1 = "02:00:00:00:a1:01";
  private static final String VIP = "10.201.0.50";

  @TempDir
  Path dir;

  private Netns net;
  private EventLoop loop;
  private SystemProcessRunner processes;
  private NetnsProcessRunner inN1;
  private LogCapture logs;

  @BeforeEach
  void topology() {
    assumeTrue(Netns.usable(), "needs root and iproute2");
    net = new Netns("jhb-agents-ip");
    net.create(SW);
    net.create(N1);
    net.create(N2);
    net.bridge(SW, "br0");
    net.connect(SW, "br0", N1, "eth0", "10.201.0.10/24", MAC1);
    net.connect(SW, "br0", N2, "eth0", "10.201.0.20/24");
    net.run(N2, Duration.ofSeconds(5), "sysctl", "-q", "-w", "net.ipv4.conf.eth0.arp_accept=1")
        .requireSuccess("arp_accept");
    loop = new EventLoop(Clock.SYSTEM, Duration.ofSeconds(5));
    loop.start();
    processes = new SystemProcessRunner();
    inN1 = new NetnsProcessRunner(processes, N1);
    logs = new LogCapture("org.jheartbeat.resources");
  }

  @AfterEach
  void teardown() {
    if (logs != null) {
      logs.close();
    }
    if (processes != null) {
      processes.close();
    }
    if (loop != null) {
      loop.close();
    }
    if (net != null) {
      net.close();
      assertThat(Netns.list()).doesNotContain(SW, N1, N2);
    }
  }

  private String addresses() {
    return net.run(N1, Duration.ofSeconds(5), "ip", "-o", "-4", "addr", "show", "dev", "eth0")
        .requireSuccess("ip addr show").stdout();
  }

  private static boolean arpingInstalled() {
    return Files.isExecutable(Path.of("/usr/sbin/arping")) || Files.isExecutable(Path.of("/usr/bin/arping"));
  }

  @Test
  void startAddsTheAliasAnnouncesItAndStopRemovesIt() throws Exception {
    Files.createDirectories(dir.resolve("resource.d"));
    Files.createDirectories(dir.resolve("init.d"));
    GroupRunner runner = new GroupRunner(new ScriptLookup(dir.resolve("resource.d"), dir.resolve("init.d")),
        inN1, loop, Runnable::run, GroupRunner.Options.DEFAULTS, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    ResourceSpec spec = new ResourceSpec("IPaddr::" + VIP, "IPaddr", List.of(VIP));
    ResourceGroup group = new ResourceGroup("node1", List.of(spec), 1);
    ResourceAgent agent = runner.agentFor(spec);
    assertThat(agent).isInstanceOf(BuiltinIpaddr.class);

    CompletableFuture<GroupOutcome> started = new CompletableFuture<>();
    runner.start(group, started::complete);
    assertThat(started.get(60, TimeUnit.SECONDS)).isEqualTo(GroupOutcome.success());
    assertThat(addresses()).containsPattern(
        "inet " + VIP.replace(".", "\\.") + "/24 brd 10\\.201\\.0\\.255 scope global secondary eth0:0\\\\");
    assertThat(agent.run(AgentOperation.STATUS).get(20, TimeUnit.SECONDS)).isEqualTo(AgentResult.RUNNING);
    assertThat(logs.lines()).contains("info: Using calculated netmask for " + VIP + ": 255.255.255.0");

    if (arpingInstalled()) {
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(inN1.callsOf("arping").stream().filter(c -> !c.argv().contains("-V"))).hasSize(10));
      assertThat(inN1.callsOf("arping")).allSatisfy(c -> assertThat(c.result().exitCode())
          .as("%s: %s", c.argv(), c.result().stderr()).isZero());
      String neighbour = net.run(N2, Duration.ofSeconds(5), "ip", "neigh", "show", VIP, "dev", "eth0").stdout();
      assertThat(neighbour).contains(MAC1);
    }

    CompletableFuture<GroupOutcome> stopped = new CompletableFuture<>();
    runner.stop(group, stopped::complete);
    assertThat(stopped.get(60, TimeUnit.SECONDS)).isEqualTo(GroupOutcome.success());
    assertThat(addresses()).doesNotContain(VIP).contains("10.201.0.10/24");
    assertThat(agent.run(AgentOperation.STATUS).get(20, TimeUnit.SECONDS)).isEqualTo(AgentResult.STOPPED);
    assertThat(agent.run(AgentOperation.STOP).get(20, TimeUnit.SECONDS)).isEqualTo(AgentResult.SUCCESS);
  }

  @Test
  void aSecondAddressOnTheSameInterfaceGetsTheNextLabel() throws Exception {
    GratuitousArp arp = new GratuitousArp(inN1, loop, 1, Duration.ofMillis(250));
    ResourceAgent first = new BuiltinIpaddr(new ResourceSpec("IPaddr::10.201.0.51/24/eth0", "IPaddr",
        List.of("10.201.0.51/24/eth0")), inN1, arp, AgentTimeouts.DEFAULTS);
    ResourceAgent second = new BuiltinIpaddr(new ResourceSpec("IPaddr2::10.201.0.52/24/eth0/10.201.0.255",
        "IPaddr2", List.of("10.201.0.52/24/eth0/10.201.0.255")), inN1, arp, AgentTimeouts.DEFAULTS);
    assertThat(first.run(AgentOperation.START).get(60, TimeUnit.SECONDS)).isEqualTo(AgentResult.SUCCESS);
    assertThat(second.run(AgentOperation.START).get(60, TimeUnit.SECONDS)).isEqualTo(AgentResult.SUCCESS);
    assertThat(addresses()).contains("10.201.0.51/24 brd 10.201.0.255 scope global secondary eth0:0")
        .contains("10.201.0.52/24 brd 10.201.0.255 scope global secondary eth0:1");
    assertThat(first.run(AgentOperation.STOP).get(60, TimeUnit.SECONDS)).isEqualTo(AgentResult.SUCCESS);
    assertThat(second.run(AgentOperation.STATUS).get(20, TimeUnit.SECONDS)).isEqualTo(AgentResult.RUNNING);
  }
}
