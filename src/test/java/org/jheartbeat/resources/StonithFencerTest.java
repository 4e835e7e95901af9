package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jheartbeat.platform.ProcessRequest;
import org.jheartbeat.platform.ProcessResult;
import org.jheartbeat.platform.ProcessRunner;
import org.jheartbeat.testkit.LogCapture;
import org.jheartbeat.testkit.ScriptedProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StonithFencerTest {
  private static final Path STONITH = Path.of("/usr/sbin/stonith");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private final List<Runnable> loop = new ArrayList<>();
  private final List<Fencer.Result> results = new ArrayList<>();
  @RegisterExtension
  final LogCapture logs = LogCapture.perTest("org.jheartbeat.resources");

  private StonithFencer fencer(ProcessRunner runner, StonithFencer.Device... devices) {
    return new StonithFencer(List.of(devices), STONITH, runner, loop::add, TIMEOUT);
  }

  private void runLoop() {
    List<Runnable> tasks = List.copyOf(loop);
    loop.clear();
    tasks.forEach(Runnable::run);
  }

  @Test
  void resetRunsStonithWithTheDeviceFileAndReportsOkOnTheLoop() {
    ScriptedProcessRunner runner = new ScriptedProcessRunner().answer("/usr/sbin/stonith", 0, "reset done\n");
    StonithFencer f = fencer(runner, new StonithFencer.Device("external/ipmi", Path.of("/etc/ha.d/ipmi.cfg")));
    f.reset("node1", results::add);
    assertThat(results).as("nothing before the loop runs the result").isEmpty();
    runLoop();
    assertThat(runner.calls()).containsExactly(List.of("/usr/sbin/stonith", "-t", "external/ipmi", "-F",
        "/etc/ha.d/ipmi.cfg", "-T", "reset", "node1"));
    assertThat(results).containsExactly(Fencer.Result.OK);
    assertThat(logs.lines()).contains("info: stonith external/ipmi: reset done");
    assertThat(f).hasToString("external/ipmi");
  }

  @Test
  void aFailingDeviceIsFollowedByTheNextOne() {
    ScriptedProcessRunner runner = new ScriptedProcessRunner()
        .answer("/usr/sbin/stonith -t external/a", 1, "no route to device\n")
        .answer("/usr/sbin/stonith -t external/b", 0, "");
    StonithFencer f = fencer(runner, new StonithFencer.Device("external/a", Path.of("a.cfg")),
        new StonithFencer.Device("external/b", Path.of("b.cfg")));
    f.reset("node1", results::add);
    runLoop();
    assertThat(runner.calls()).hasSize(2);
    assertThat(results).containsExactly(Fencer.Result.OK);
    assertThat(f).hasToString("external/a,external/b");
  }

  @Test
  void everyDeviceFailingIsBadWithTheReasonsLogged() {
    ProcessRunner runner = request -> CompletableFuture.completedFuture(
        new ProcessResult(137, true, TIMEOUT, "", "hanging\n", 0, 0));
    StonithFencer f = fencer(runner, new StonithFencer.Device("external/slow", Path.of("s.cfg")));
    f.reset("node2", results::add);
    runLoop();
    assertThat(results).containsExactly(Fencer.Result.BAD);
    assertThat(logs.lines()).singleElement().asString()
        .isEqualTo("ERROR: No STONITH device could reset node2: external/slow: timed out after 60000 ms"
            + " (process group killed): hanging");
  }

  @Test
  void aRunnerFailureIsABadResultNotACrash() {
    ProcessRunner runner = request -> CompletableFuture.failedFuture(new IllegalStateException("no fork"));
    StonithFencer f = fencer(runner, new StonithFencer.Device("null", Path.of("n.cfg")));
    f.reset("node2", results::add);
    runLoop();
    assertThat(results).containsExactly(Fencer.Result.BAD);
    assertThat(logs.lines()).singleElement().asString().contains("could not run /usr/sbin/stonith")
        .contains("no fork");
  }

  @Test
  void backoffDoublesFromFiveSecondsUpToOneMinute() {
    assertThat(List.of(1, 2, 3, 4, 5, 6, 40).stream().map(FenceLedger::backoff).map(Duration::toSeconds))
        .containsExactly(5L, 10L, 20L, 40L, 60L, 60L, 60L);
  }

  @Test
  void requestsAreBoundedInTime() {
    List<ProcessRequest> seen = new ArrayList<>();
    ProcessRunner runner = request -> {
      seen.add(request);
      return CompletableFuture.completedFuture(new ProcessResult(0, false, Duration.ZERO, "", "", 0, 0));
    };
    fencer(runner, new StonithFencer.Device("null", Path.of("n.cfg"))).reset("node2", results::add);
    assertThat(seen).singleElement().extracting(ProcessRequest::timeout).isEqualTo(TIMEOUT);
  }
}
