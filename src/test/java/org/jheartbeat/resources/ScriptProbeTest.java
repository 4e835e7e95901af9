package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jheartbeat.config.ResourceSpec;
import org.jheartbeat.config.ScriptLookup;
import org.jheartbeat.platform.SystemProcessRunner;
import org.jheartbeat.runtime.Clock;
import org.jheartbeat.runtime.EventLoop;
import org.jheartbeat.resources.MonitorProbe.Result;
import org.jheartbeat.resources.MonitorProbe.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitor checks of real scripts: Heartbeat's stdout rule for resource.d, LSB exit codes for
 * init.d, the time limit, a missing script and the built-in web resource.
 */
class ScriptProbeTest {
  @TempDir Path dir;
  private Path resourceD;
  private Path initD;
  private SystemProcessRunner processes;
  private EventLoop loop;
  private ScriptProbe probe;

  @BeforeEach
  void setUp() throws IOException {
    resourceD = Files.createDirectories(dir.resolve("resource.d"));
    initD = Files.createDirectories(dir.resolve("init.d"));
    processes = new SystemProcessRunner(2, Duration.ofMillis(200), 64 * 1024);
    loop = new EventLoop(Clock.SYSTEM, Duration.ofSeconds(5));
    loop.start();
    ScriptLookup lookup = new ScriptLookup(resourceD, initD);
    GroupRunner groups = new GroupRunner(lookup, processes, loop, Runnable::run, GroupRunner.Options.DEFAULTS,
        new SimpleMeterRegistry());
    probe = new ScriptProbe(lookup, processes, groups::agentFor, Runnable::run, Map.of("HA_TEST", "yes"));
  }

  @AfterEach
  void tearDown() {
    processes.close();
    loop.close();
  }

  /** A script that prints its first argument (unless "-") and exits with its second. */
  private void script(Path where, String name, String body) throws IOException {
    Path p = where.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Result check(String resource, Duration timeout) throws Exception {
    String[] parts = resource.split("::");
    CompletableFuture<Result> r = new CompletableFuture<>();
    probe.check(new ResourceSpec(resource, parts[0], List.of(parts).subList(1, parts.length)), timeout, r::complete);
    return r.get(10, TimeUnit.SECONDS);
  }

  @Test
  void resourceDScriptsAreJudgedByTheirOutputAsHeartbeatDoes() throws Exception {
    script(resourceD, "rd", "[ \"$3\" = status ] || exit 9; [ \"$HA_TEST\" = yes ] || exit 8; echo \"$1\"; exit \"$2\"");
    assertThat(check("rd::Running OK::3", Duration.ofSeconds(5))).isEqualTo(new Result(Verdict.RUNNING, 3, "Running OK"));
    assertThat(check("rd::httpd is stopped::0", Duration.ofSeconds(5)))
        .isEqualTo(new Result(Verdict.NOT_RUNNING, 0, "httpd is stopped"));
    assertThat(check("rd::not running::0", Duration.ofSeconds(5)).verdict()).isEqualTo(Verdict.NOT_RUNNING);
  }

  @Test
  void initDScriptsAreJudgedByTheLsbStatusCode() throws Exception {
    script(initD, "lsb", "echo \"lsb says $1\"; exit \"$1\"");
    assertThat(check("lsb::0", Duration.ofSeconds(5))).isEqualTo(new Result(Verdict.RUNNING, 0, "lsb says 0"));
    for (String rc : List.of("1", "2", "3")) {
      assertThat(check("lsb::" + rc, Duration.ofSeconds(5)).verdict()).as("rc " + rc).isEqualTo(Verdict.NOT_RUNNING);
    }
    assertThat(check("lsb::4", Duration.ofSeconds(5))).isEqualTo(new Result(Verdict.ERROR, 4, "lsb says 4"));
  }

  @Test
  void aCheckBeyondItsTimeoutIsAnError() throws Exception {
    script(resourceD, "slow", "echo starting; sleep 5; echo running");
    long start = System.nanoTime();
    Result r = check("slow", Duration.ofMillis(300));
    assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(r.output()).startsWith("timed out after 300 ms; starting");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  /** The agent was made while the script existed; by the check it is gone (a package upgrade replacing it). */
  @Test
  void aScriptGoneSinceItsAgentWasMadeIsAClearError() throws Exception {
    Path gone = resourceD.resolve("gone");
    probe = new ScriptProbe(new ScriptLookup(resourceD, initD), processes,
        spec -> new ScriptAgent(spec, gone, processes, AgentTimeouts.DEFAULTS), Runnable::run, Map.of());
    assertThat(check("gone", Duration.ofSeconds(5)))
        .isEqualTo(new Result(Verdict.ERROR, -1, "script gone not found in " + resourceD + " or " + initD));
  }

  @Test
  void aBuiltInAgentBeyondTheTimeoutIsAnError() throws Exception {
    CompletableFuture<AgentResult> never = new CompletableFuture<>();
    probe = new ScriptProbe(new ScriptLookup(resourceD, initD), processes, spec -> new ResourceAgent() {
      @Override
      public String name() {
        return spec.text();
      }

      @Override
      public CompletableFuture<AgentResult> run(AgentOperation operation) {
        return never;
      }
    }, Runnable::run, Map.of());
    long start = System.nanoTime();
    assertThat(check("jhbweb::127.0.0.1::1", Duration.ofMillis(300)))
        .isEqualTo(new Result(Verdict.ERROR, -1, "timed out after 300 ms"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    assertThat(never).as("the agent's own operation is left to finish").isNotDone();
  }

  @Test
  void builtInAndMissingResourcesUseTheirAgentsStatus() throws Exception {
    assertThat(check("jhbweb::127.0.0.1::1", Duration.ofSeconds(5)))
        .isEqualTo(new Result(Verdict.NOT_RUNNING, -1, "stopped"));
    assertThat(check("nosuchscript", Duration.ofSeconds(5)).verdict()).isEqualTo(Verdict.NOT_RUNNING);
  }
}
