package org.jheartbeat.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jheartbeat.testkit.ProcessChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemProcessRunnerTest {
  private final SystemProcessRunner runner = new SystemProcessRunner(2, Duration.ofMillis(300), 64);

  @TempDir
  Path dir;

  @AfterEach
  void close() {
    runner.close();
  }

  private ProcessResult run(ProcessRequest r) throws Exception {
    return runner.run(r).get(30, TimeUnit.SECONDS);
  }

  private Path script(String name, String body) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void capturesExitCodeStdoutAndStderrSeparately() throws Exception {
    Path s = script("s", "echo out-$1; echo err-$1 >&2; exit 3");
    ProcessResult r = run(ProcessRequest.of(Duration.ofSeconds(10), List.of(s.toString(), "x")));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.timedOut()).isFalse();
    assertThat(r.succeeded()).isFalse();
    assertThat(r.stdout()).isEqualTo("out-x\n");
    assertThat(r.stderr()).isEqualTo("err-x\n");
  }

  @Test
  void argumentsAreNotInterpretedByAShell() throws Exception {
    ProcessResult r = run(ProcessRequest.of(Duration.ofSeconds(10), List.of("echo", "a b", "$HOME", ";", "*")));
    assertThat(r.stdout()).isEqualTo("a b $HOME ; *\n");
  }

  @Test
  void passesEnvironmentAdditionsAndWorkingDirectory() throws Exception {
    Path s = script("env", "echo \"$HA_TEST:$(pwd)\"");
    ProcessResult r = run(ProcessRequest.of(Duration.ofSeconds(10), List.of(s.toString()))
        .withEnv(Map.of("HA_TEST", "yes")).withWorkDir(dir));
    assertThat(r.stdout().strip()).isEqualTo("yes:" + dir.toRealPath());
  }

  @Test
  void keepsOutputUpToTheLimitAndCountsTheRest() throws Exception {
    Path s = script("big", "head -c 1000 /dev/zero | tr '\\0' a");
    ProcessResult r = run(ProcessRequest.of(Duration.ofSeconds(10), List.of(s.toString())));
    assertThat(r.stdout()).hasSize(64).matches("a+");
    assertThat(r.stdoutDropped()).isEqualTo(1000 - 64);
  }

  @Test
  void aMissingProgramIsExit127NotAnException() throws Exception {
    ProcessResult r = run(ProcessRequest.of(Duration.ofSeconds(10), List.of(dir.resolve("nope").toString())));
    assertThat(r.exitCode()).isEqualTo(ProcessResult.EXIT_NOT_FOUND);
    assertThat(r.stderr()).contains("nope");
  }

  @Test
  void timeoutKillsTheWholeTreeIncludingChildrenThatLeftTheGroup() throws Exception {
    Path pids = dir.resolve("pids");
    Path s = script("hang", String.join("\n",
        "sleep 1000 & echo $! >> " + pids,
        "setsid sleep 1000 & echo $! >> " + pids, // its own group: only the descendants fallback finds it
        "( sleep 1000 & echo $! >> " + pids + " ) &", // orphaned at once: only the group kill finds it
        "trap '' TERM", // the script itself ignores TERM: SIGKILL after the grace period
        "echo started",
        "wait"));
    long t0 = System.nanoTime();
    ProcessResult r = run(ProcessRequest.of(Duration.ofMillis(500), List.of(s.toString())));
    assertThat(r.timedOut()).isTrue();
    assertThat(r.succeeded()).isFalse();
    assertThat(r.stdout()).contains("started");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    List<Long> children = ProcessChecks.pids(pids);
    assertThat(children).hasSize(3);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(children).noneMatch(ProcessChecks::alive));
  }

  @Test
  void aCommandThatExitsLeavesItsBackgroundChildrenRunning() throws Exception {
    Path pids = dir.resolve("pids");
    Path s = script("daemonize", "sleep 1000 >/dev/null 2>&1 & echo $! > " + pids + "; exit 0");
    ProcessResult r = run(ProcessRequest.of(Duration.ofSeconds(10), List.of(s.toString())));
    assertThat(r.exitCode()).isZero();
    long child = ProcessChecks.pids(pids).get(0);
    try {
      assertThat(ProcessChecks.alive(child)).isTrue();
    } finally {
      ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void aBackgroundChildHoldingStdoutDoesNotDelayTheResult() throws Exception {
    Path pids = dir.resolve("pids");
    Path s = script("holder", "sleep 1000 & echo $! > " + pids + "; echo done");
    long t0 = System.nanoTime();
    ProcessResult r = run(ProcessRequest.of(Duration.ofSeconds(20), List.of(s.toString())));
    try {
      assertThat(r.stdout()).isEqualTo("done\n");
      assertThat(r.timedOut()).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    } finally {
      ProcessChecks.pids(pids).forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
    }
  }
}
