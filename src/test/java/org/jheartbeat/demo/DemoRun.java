package org.jheartbeat.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of {@code bin/jheartbeat demo --no-pause} as a user runs it (stdin from /dev/null, at
 * most {@value #LIMIT_SECONDS} s), and the checks every demo test makes of it: it ended with
 * status 0, told the failover story, and left no daemon, temporary directory or process naming
 * that directory. {@link #killLeftovers} kills the daemons it printed, should a failed run have
 * left any.
 */
final class DemoRun {
  static final int LIMIT_SECONDS = 180;

  private final List<Long> pids = new ArrayList<>();
  private String out = "";

  /** Runs the demo with {@code args} after {@code --no-pause}, checks it ended with 0, returns its output. */
  String run(Path dir, String... args) throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty("jheartbeat.home", "."));
    Path output = dir.resolve("demo.out");
    List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/jheartbeat").toString(), "demo", "--no-pause"));
    cmd.addAll(List.of(args));
    Process demo = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    boolean finished = demo.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS);
    out = Files.readString(output, StandardCharsets.UTF_8);
    Matcher pid = Pattern.compile("\\(pid (\\d+)\\)").matcher(out);
    while (pid.find()) {
      pids.add(Long.parseLong(pid.group(1)));
    }
    if (!finished) {
      demo.destroy();
      demo.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(finished).as("finished within " + LIMIT_SECONDS + " s:\n" + out).isTrue();
    assertThat(demo.exitValue()).as(out).isZero();
    return out;
  }

  /** Both nodes answered, the takeover and its outage were shown, and the summary's crash and standby rows. */
  void assertStoryTold() {
    assertThat(out).contains("client: demo1 answers", "client: demo2 answers", "client: no answer");
    assertThat(out).containsPattern("takeover: demo2 serves \\d+ ms after the kill; client outage \\d+ ms");
    Matcher crash = Pattern.compile("2\\. crash demo1 +demo2 took over +outage +(\\d+) ms").matcher(out);
    assertThat(crash.find()).as(out).isTrue();
    // deadtime is 2 s: the outage is about that, certainly more than a keepalive and less than 15 s.
    assertThat(Long.parseLong(crash.group(1))).isBetween(500L, 15_000L);
    assertThat(out).containsPattern("4\\. hb_standby on demo2 +demo1 serves again +outage +\\d+ ms");
  }

  /** No daemon it printed is alive, its temporary directory is gone, and no process names that directory. */
  void assertNothingLeft() {
    assertThat(pids).as("daemon pids printed").hasSizeGreaterThanOrEqualTo(3);
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid " + pid + " alive").isFalse();
    }
    Path files = Path.of(first(Pattern.compile("files +(/\\S+)")));
    assertThat(files.getFileName().toString()).startsWith("jhb-demo-");
    assertThat(files).doesNotExist();
    assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
        .filter(c -> c.contains(files.toString()))).as("processes naming " + files).isEmpty();
  }

  /** The first group of {@code p} in the output; fails the test when it is not there. */
  String first(Pattern p) {
    Matcher m = p.matcher(out);
    assertThat(m.find()).as(p + " in\n" + out).isTrue();
    return m.group(1);
  }

  void killLeftovers() {
    pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }
}
