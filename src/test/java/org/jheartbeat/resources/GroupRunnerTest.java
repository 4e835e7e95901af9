package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.jheartbeat.testkit.ProcessChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * takegroup/givegroup/status against fake agents: shell scripts in temporary resource.d and
 * init.d directories that append {@code <name> <args> <op>} to a calls file and keep a state file
 * (start creates it, stop removes it, status prints {@code Running OK} or
 * {@code Resource is stopped}). Retries run 20 ms apart on a real event loop.
 */
class GroupRunnerTest {
  private final io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
  @TempDir
  Path dir;

  private Path resourceD;
  private Path initD;
  private Path calls;
  private Path state;
  private EventLoop loop;
  private SystemProcessRunner processes;
  @RegisterExtension
  final LogCapture logs = LogCapture.perTest("org.jheartbeat.resources");
  private GroupRunner runner;

  @BeforeEach
  void setUp() throws IOException {
    resourceD = Files.createDirectories(dir.resolve("resource.d"));
    initD = Files.createDirectories(dir.resolve("init.d"));
    state = Files.createDirectories(dir.resolve("state"));
    calls = dir.resolve("calls");
    loop = new EventLoop(Clock.SYSTEM, Duration.ofSeconds(5));
    loop.start();
    processes = new SystemProcessRunner(2, Duration.ofMillis(200), 64 * 1024);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.jheartbeat.resources")).setLevel(Level.DEBUG);
    runner = runnerWith(GroupRunner.Options.DEFAULTS.withStopRetries(Duration.ofMillis(20), 3));
  }

  @AfterEach
  void tearDown() {
    processes.close();
    loop.close();
  }

  private GroupRunner runnerWith(GroupRunner.Options options) {
    return new GroupRunner(new ScriptLookup(resourceD, initD), processes, loop, Runnable::run, options, registry);
  }

  /** A fake agent; {@code extra} runs first and may exit early ({@code $last} is the operation). */
  private Path agent(Path where, String name, String extra) throws IOException {
    Path p = where.resolve(name);
    Files.writeString(p, String.join("\n",
        "#!/bin/sh",
        "eval last=\\${$#}",
        "echo \"" + name + " $*\" >> " + calls,
        extra,
        "case \"$last\" in",
        "  start) touch " + state.resolve(name) + "; echo \"" + name + " started\";;",
        "  stop) rm -f " + state.resolve(name) + ";;",
        "  status) if [ -f " + state.resolve(name) + " ]; then echo 'Running OK'; else echo 'Resource is stopped'; fi;;",
        "esac",
        "exit 0", ""));
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  private Path agent(String name) throws IOException {
    return agent(resourceD, name, "");
  }

  private static ResourceSpec spec(String text) {
    List<String> parts = Arrays.asList(text.split("::"));
    return new ResourceSpec(text, parts.get(0), parts.subList(1, parts.size()));
  }

  private static ResourceGroup group(String... resources) {
    return new ResourceGroup("node1", Arrays.stream(resources).map(GroupRunnerTest::spec).toList(), 1);
  }

  private List<String> calls() throws IOException {
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  private GroupOutcome start(ResourceGroup g) throws Exception {
    CompletableFuture<GroupOutcome> f = new CompletableFuture<>();
    runner.start(g, f::complete);
    return f.get(30, TimeUnit.SECONDS);
  }

  private GroupOutcome stop(ResourceGroup g) throws Exception {
    CompletableFuture<GroupOutcome> f = new CompletableFuture<>();
    runner.stop(g, f::complete);
    return f.get(30, TimeUnit.SECONDS);
  }

  private boolean status(ResourceGroup g) throws Exception {
    CompletableFuture<Boolean> f = new CompletableFuture<>();
    runner.status(g, f::complete);
    return f.get(30, TimeUnit.SECONDS);
  }

  @Test
  void startsLeftToRightEachAfterItsStatus() throws Exception {
    agent("r1");
    agent("r2");
    agent(initD, "r3", "");
    GroupOutcome outcome = start(group("r1", "r2::a::b", "r3"));
    assertThat(outcome).isEqualTo(GroupOutcome.success());
    assertThat(calls()).containsExactly(
        "r1 status", "r1 start", "r2 a b status", "r2 a b start", "r3 status", "r3 start");
    assertThat(logs.lines()).contains(
        "info: Acquiring resource group: node1 r1 r2::a::b r3",
        "info: r1: Resource is stopped",
        "info: Running " + resourceD.resolve("r1") + "  start",
        "info: Running " + resourceD.resolve("r2") + " a b start",
        "info: Running " + initD.resolve("r3") + "  start",
        "debug: r1: stdout: r1 started");
  }

  @Test
  void stopsRightToLeft() throws Exception {
    agent("r1");
    agent("r2");
    agent("r3");
    ResourceGroup g = group("r1", "r2", "r3");
    start(g);
    Files.delete(calls);
    assertThat(stop(g)).isEqualTo(GroupOutcome.success());
    assertThat(calls()).containsExactly("r3 stop", "r2 stop", "r1 stop");
    assertThat(logs.lines()).contains("info: Releasing resource group: node1 r1 r2 r3",
        "info: Running " + resourceD.resolve("r3") + "  stop");
  }

  @Test
  void aResourceAlreadyRunningIsNotStartedAgain() throws Exception {
    agent("r1");
    agent("r2");
    Files.createFile(state.resolve("r1"));
    assertThat(start(group("r1", "r2")).ok()).isTrue();
    assertThat(calls()).containsExactly("r1 status", "r2 status", "r2 start");
    assertThat(logs.lines()).contains("info: r1: Resource is running; not starting it again");
  }

  @Test
  void statusOfTheGroupIsTheStatusOfItsFirstResource() throws Exception {
    agent("r1");
    agent("r2");
    ResourceGroup g = group("r1", "r2");
    Files.createFile(state.resolve("r2"));
    assertThat(status(g)).isFalse();
    Files.createFile(state.resolve("r1"));
    assertThat(status(g)).isTrue();
    assertThat(calls()).containsExactly("r1 status", "r1 status");
  }

  @Test
  void aFailedStartGivesUpTheWholeGroupRightToLeft() throws Exception {
    agent("r1");
    agent(resourceD, "r2", "[ \"$last\" = start ] && { echo partial; echo boom >&2; exit 1; }");
    agent("r3");
    GroupOutcome outcome = start(group("r1", "r2", "r3"));
    assertThat(outcome.ok()).isFalse();
    assertThat(outcome.detail()).contains("r2");
    assertThat(calls()).containsExactly(
        "r1 status", "r1 start", "r2 status", "r2 start", "r3 stop", "r2 stop", "r1 stop");
    assertThat(state.resolve("r1")).doesNotExist();
    assertThat(logs.lines()).contains(
        "ERROR: Resource script for r2 start failed: exit 1: partial | boom",
        "CRIT: Giving up resources due to failure of r2");
    assertThat(registry.counter("heartbeat.agent.failures", "agent", "r2", "operation", "start", "result", "failed")
        .count()).isEqualTo(1.0);
    assertThat(registry.find("heartbeat.agent.failures").tag("agent", "r1").counters()).isEmpty();
    assertThat(registry.timer("heartbeat.agent.duration", "agent", "r1", "operation", "start", "result", "success")
        .count()).isEqualTo(1);
    assertThat(registry.timer("heartbeat.agent.duration", "agent", "r3", "operation", "stop", "result", "success")
        .count()).isEqualTo(1);
  }

  @Test
  void aFailingStopIsRetriedThenReportedAsNeedingARebootWhileStillRunning() throws Exception {
    agent("r1");
    agent(resourceD, "r2", "[ \"$last\" = stop ] && { echo cannot stop; exit 1; }");
    ResourceGroup g = group("r1", "r2");
    start(g);
    Files.delete(calls);
    GroupOutcome outcome = stop(g);
    assertThat(outcome.ok()).isFalse();
    assertThat(outcome.detail()).contains("r2");
    assertThat(calls()).containsExactly("r2 stop", "r2 stop", "r2 stop", "r2 stop", "r2 status", "r1 stop");
    assertThat(logs.lines()).containsSubsequence(
        "ERROR: Resource script for r2 stop failed: exit 1: cannot stop",
        "info: Retrying failed stop operation [r2]",
        "info: Retrying failed stop operation [r2]",
        "info: Retrying failed stop operation [r2]",
        "CRIT: Resource STOP failure. Reboot required!",
        "CRIT: jheartbeat does not reboot; fence or repair this node (r2 may still be running)");
    assertThat(logs.lines()).filteredOn(l -> l.startsWith("info: Retrying")).hasSize(3);
  }

  @Test
  void aFailingStopWhoseStatusSaysStoppedOnlyWarns() throws Exception {
    agent(resourceD, "r1", "[ \"$last\" = stop ] && { rm -f " + state.resolve("r1") + "; exit 7; }");
    ResourceGroup g = group("r1");
    start(g);
    assertThat(stop(g)).isEqualTo(GroupOutcome.success());
    assertThat(logs.lines()).contains(
        "WARN: Resource r1 stop failed but its status says stopped: probably not LSB-compliant");
    assertThat(logs.lines()).noneMatch(l -> l.startsWith("CRIT"));
  }

  @Test
  void aHangingStartIsKilledWithItsChildrenAtTheTimeout() throws Exception {
    runner = runnerWith(GroupRunner.Options.DEFAULTS
        .withTimeouts(new AgentTimeouts(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(10)))
        .withStopRetries(Duration.ofMillis(20), 3));
    Path pids = dir.resolve("pids");
    agent(resourceD, "hang", "[ \"$last\" = start ] && { sleep 1000 & echo $! >> " + pids
        + "; sleep 1000 & echo $! >> " + pids + "; wait; }");
    GroupOutcome outcome = start(group("hang"));
    assertThat(outcome.ok()).isFalse();
    assertThat(calls()).containsExactly("hang status", "hang start", "hang stop");
    assertThat(logs.lines()).anyMatch(l -> l.matches(
        "ERROR: Resource script for hang start timed out after \\d+ ms \\(limit 500 ms\\); process group killed"));
    assertThat(logs.lines()).contains("CRIT: Giving up resources due to failure of hang");
    List<Long> children = ProcessChecks.pids(pids);
    assertThat(children).hasSize(2);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(children).noneMatch(ProcessChecks::alive));
  }

  @Test
  void concurrentCallsRunOneAfterAnother() throws Exception {
    agent("a1");
    agent("a2");
    agent("b1");
    CompletableFuture<GroupOutcome> first = new CompletableFuture<>();
    CompletableFuture<GroupOutcome> second = new CompletableFuture<>();
    runner.start(group("a1", "a2"), first::complete);
    runner.start(group("b1"), second::complete);
    assertThat(second.get(30, TimeUnit.SECONDS).ok()).isTrue();
    assertThat(first).isCompletedWithValue(GroupOutcome.success());
    assertThat(calls()).containsExactly("a1 status", "a1 start", "a2 status", "a2 start", "b1 status", "b1 start");
  }

  @Test
  void outcomesAreDeliveredThroughTheGivenExecutor() throws Exception {
    agent("r1");
    List<Runnable> posted = new ArrayList<>();
    CompletableFuture<Void> handedOver = new CompletableFuture<>();
    runner = new GroupRunner(new ScriptLookup(resourceD, initD), processes, loop, r -> {
      synchronized (posted) {
        posted.add(r);
      }
      handedOver.complete(null);
    }, GroupRunner.Options.DEFAULTS, registry);
    CompletableFuture<GroupOutcome> outcome = new CompletableFuture<>();
    runner.start(group("r1"), outcome::complete);
    handedOver.get(30, TimeUnit.SECONDS);
    assertThat(outcome).isNotDone();
    synchronized (posted) {
      posted.forEach(Runnable::run);
    }
    assertThat(outcome).isCompletedWithValue(GroupOutcome.success());
  }

  @Test
  void aMissingScriptFailsTheStartAndIsNamed() throws Exception {
    agent("r1");
    GroupOutcome outcome = start(group("r1", "nosuch::x"));
    assertThat(outcome.ok()).isFalse();
    assertThat(logs.lines()).contains("ERROR: Cannot locate resource script nosuch",
        "CRIT: Giving up resources due to failure of nosuch::x");
    assertThat(calls()).containsExactly("r1 status", "r1 start", "r1 stop");
  }

  @Test
  void ipaddrRunsItsScriptWhenInstalledElseTheBuiltinOrWhenPreferred() throws Exception {
    ResourceSpec vip = spec("IPaddr::192.168.21.1/24/eth0");
    ResourceSpec vip2 = spec("IPaddr2::192.168.21.2/24/eth0");
    assertThat(runner.agentFor(vip)).isInstanceOf(BuiltinIpaddr.class);
    assertThat(runner.agentFor(vip2)).isInstanceOf(BuiltinIpaddr.class);
    agent("IPaddr");
    assertThat(runner.agentFor(vip)).isInstanceOf(ScriptAgent.class);
    GroupRunner preferring = runnerWith(GroupRunner.Options.DEFAULTS.withPreferBuiltinIpaddr(true));
    assertThat(preferring.agentFor(vip)).isInstanceOf(BuiltinIpaddr.class);
    assertThat(preferring.agentFor(spec("r1"))).isNotInstanceOf(BuiltinIpaddr.class);
  }

  @Test
  void jhbwebIsAlwaysTheBuiltinWebResourceEvenWhenAScriptOfThatNameExists() throws Exception {
    agent("jhbweb");
    ResourceSpec web = spec("jhbweb::127.0.0.100::8099");
    assertThat(runner.agentFor(web)).isInstanceOf(BuiltinWeb.class);
    // Without a page server (no daemon behind the runner) its start fails and gives the group up.
    GroupOutcome outcome = start(group("jhbweb::127.0.0.100::8099"));
    assertThat(outcome.ok()).isFalse();
    assertThat(logs.lines()).contains("CRIT: Giving up resources due to failure of jhbweb::127.0.0.100::8099");
    assertThat(calls()).isEmpty();
  }

  /**
   * After a healed partition the node keeping a group announces its addresses again (CtsIT
   * Split_brain: the client kept the loser's MAC and got no answer): only the IPaddr resources
   * run, through the built-in start, which on a configured address just sends the ARPs.
   */
  @Test
  void announceSendsGratuitousArpsForTheGroupsAddressesOnly() throws Exception {
    agent("httpd");
    org.jheartbeat.testkit.ScriptedProcessRunner ip = new org.jheartbeat.testkit.ScriptedProcessRunner()
        .answer("ip -o -4 addr show", 0, "2: eth0    inet 192.168.21.1/24 brd 192.168.21.255 scope global"
            + " secondary eth0:0\\       valid_lft forever\n")
        .answer("arping -V", 0, "arping from iputils 20221126\n");
    org.jheartbeat.testkit.ManualScheduler manual = new org.jheartbeat.testkit.ManualScheduler(
        new org.jheartbeat.testkit.ManualClock());
    GroupRunner announcing = new GroupRunner(new ScriptLookup(resourceD, initD), ip, manual, Runnable::run,
        GroupRunner.Options.DEFAULTS, new GratuitousArp(ip, manual), registry);
    announcing.announce(group("IPaddr::192.168.21.1/24/eth0", "httpd"));
    await().atMost(Duration.ofSeconds(10)).until(() -> ip.callsOf("arping").size() >= 2);
    assertThat(ip.callsOf("ip")).containsExactly(List.of("ip", "-o", "-4", "addr", "show"));
    assertThat(ip.callsOf("arping").get(1)).containsExactly("arping", "-q", "-U", "-c", "1", "-I", "eth0",
        "192.168.21.1");
    assertThat(calls()).as("httpd is not touched").isEmpty();
    assertThat(logs.lines()).contains("info: 192.168.21.1 is already configured on eth0");
  }
}
