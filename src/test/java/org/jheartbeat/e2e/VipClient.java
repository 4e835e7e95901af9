package org.jheartbeat.e2e;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The failover tests' client: a {@link VipPoller} child JVM in the lab's client namespace
 * polling {@code http://VIP/} every 20 ms (100 ms timeout, fresh connection each time) into
 * {@code client.log} lines {@code t_start t_end answer} as in the golden traces (answer = the
 * serving node's name, {@code -} for a failed poll). The poller stops by itself after the
 * maximum duration, or when this JVM ends (it watches its stdin); {@link #close()} kills it.
 *
 * <p>Analysis reads the file as it grows: {@link #polls()}, {@link #answers(Duration)},
 * {@link #lastAnswer()}, {@link #awaitAnswer(String, Duration)} and
 * {@link #outage(Instant, Instant)}, the client's view of a failover in the traces' terms.
 */
public final class VipClient implements AutoCloseable {
  public static final String VIP = "192.168.21.1";
  public static final String URL = "http://" + VIP + "/";
  public static final Duration INTERVAL = Duration.ofMillis(20);
  public static final Duration TIMEOUT = Duration.ofMillis(100);
  /** The answer of a failed poll. */
  public static final String FAILED = "-";

  /** One poll. */
  public record Poll(Instant start, Instant end, String answer) {
    /** Whether a node answered ({@code -}, and the traces' curl errors {@code ERR:N}, are failures). */
    public boolean ok() {
      return !FAILED.equals(answer) && !answer.startsWith("ERR:");
    }
  }

  /**
   * A failover seen by the client between {@code from} (the trigger event) and {@code to}.
   * {@code before}: the node answering at {@code from} (last good poll up to then; null if none);
   * {@code after}: the node of the last good poll in the window (null if none).
   * A poll is bad when it failed, or when it answered another node than {@code after} after
   * {@code after} had already answered (flapping between two holders of the VIP).
   * {@code outageMs}: for the longest run of bad polls, from the end of the last good poll
   * before it (or {@code from}) to the start of the first good poll after it (or {@code to} when
   * the run never ended: {@code recovered} false); 0 when no poll was bad. This is the traces'
   * {@code outage_ms} (03-graceful-stop-node1/run1: 434 ms).
   * {@code badPolls}: all bad polls of the window; {@code longestRun}: polls of the longest run.
   * {@code firstServed}: the first poll answered by {@code after} when the node changed
   * ({@code before != after}), else null; {@code firstServedMs} is it minus {@code from}, or -1.
   * {@code flips}: changes of answering node among the good polls after {@code firstServed}.
   */
  public record Outage(Instant from, Instant to, String before, String after, long outageMs, int badPolls,
      int longestRun, boolean recovered, Instant firstServed, long firstServedMs, int flips) {
    /** Whether the answering node changed. */
    public boolean moved() {
      return firstServed != null;
    }

    /** In the style of the traces' results.env. */
    public String toEnv() {
      return "server_before=" + before + " server_after=" + after + " outage_ms=" + outageMs
          + " failed_polls=" + badPolls + " longest_run=" + longestRun + " recovered=" + recovered
          + " first_answer_from_new_node_ms=" + firstServedMs + " flips_after_switch=" + flips;
    }
  }

  private final Process process;
  private final Path log;
  private final List<Poll> polls = new ArrayList<>();
  private long offset;
  private final StringBuilder partial = new StringBuilder();

  private VipClient(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts the poller in {@code lab}'s client namespace with the default URL, interval and timeout,
   * writing {@code logFile} (stdout/stderr of the JVM go to {@code logFile + ".out"}); returns once
   * the first poll is logged. Stops by itself after {@code maxDuration}.
   */
  public static VipClient start(TwoNodeLab lab, Path logFile, Duration maxDuration) {
    return start(lab, URL, INTERVAL, TIMEOUT, logFile, maxDuration);
  }

  public static VipClient start(TwoNodeLab lab, String url, Duration interval, Duration timeout, Path logFile,
      Duration maxDuration) {
    if (lab.clientNs() == null) {
      throw new IllegalArgumentException("the lab has no client namespace");
    }
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      Files.deleteIfExists(logFile);
      Files.createFile(logFile);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    // nice -n -10: on a loaded 2-core machine a daemon JVM starting beside the poller can delay a
    // poll past its 100 ms timeout; the measurement is the cluster's outage, not CPU starvation
    List<String> argv = List.of("nice", "-n", "-10", java, "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", cp,
        VipPoller.class.getName(), url, Long.toString(interval.toMillis()), Long.toString(timeout.toMillis()),
        Long.toString(Math.max(1, maxDuration.toSeconds())), logFile.toAbsolutePath().toString());
    Path out = Path.of(logFile.toAbsolutePath() + ".out");
    Process p = lab.net().start(lab.clientNs(), argv, out);
    VipClient c = new VipClient(p, logFile);
    try {
      Awaitility.await("VipPoller's first poll").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50)).pollDelay(Duration.ZERO)
          .until(() -> {
            if (!p.isAlive()) {
              throw new IllegalStateException("VipPoller exited with " + p.exitValue() + ": " + readQuietly(out));
            }
            return !c.polls().isEmpty();
          });
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }

  /** The client.log file. */
  public Path logFile() {
    return log;
  }

  /** Whether the poller still runs. */
  public boolean running() {
    return process != null && process.isAlive();
  }

  /**
   * An existing client.log ({@code t_start t_end answer}, ours or a golden trace's) for analysis
   * only: no poller runs, {@link #close()} does nothing.
   */
  public static VipClient analyse(Path clientLog) {
    return new VipClient(null, clientLog);
  }

  /** Every poll so far (re-reads what the poller appended). */
  public synchronized List<Poll> polls() {
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      long len = f.length();
      if (len > offset) {
        byte[] b = new byte[(int) (len - offset)];
        f.seek(offset);
        f.readFully(b);
        offset = len;
        partial.append(new String(b, StandardCharsets.UTF_8));
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
          String line = partial.substring(0, nl);
          partial.delete(0, nl + 1);
          String[] f3 = line.trim().split("\\s+");
          if (f3.length == 3) {
            polls.add(new Poll(instant(f3[0]), instant(f3[1]), f3[2]));
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return List.copyOf(polls);
  }

  private static Instant instant(String epoch) {
    int dot = epoch.indexOf('.');
    long s = Long.parseLong(dot < 0 ? epoch : epoch.substring(0, dot));
    String frac = dot < 0 ? "0" : (epoch.substring(dot + 1) + "000000000").substring(0, 9);
    return Instant.ofEpochSecond(s, Long.parseLong(frac));
  }

  /** The polls started within the last {@code window} (relative to now). */
  public List<Poll> answers(Duration window) {
    Instant since = Instant.now().minus(window);
    return polls().stream().filter(p -> !p.start().isBefore(since)).toList();
  }

  /** The answer of the latest poll ({@link #FAILED} included), empty before the first poll. */
  public Optional<String> lastAnswer() {
    List<Poll> all = polls();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1).answer());
  }

  /**
   * Waits (at most {@code atMost}) for a poll started from now on that {@code node} answered and
   * returns it; fails with Awaitility's ConditionTimeoutException otherwise.
   */
  public Poll awaitAnswer(String node, Duration atMost) {
    Instant since = Instant.now();
    return Awaitility.await("client answered by " + node + " (last answer: " + lastAnswer().orElse("none") + ")")
        .atMost(atMost).pollInterval(Duration.ofMillis(50)).pollDelay(Duration.ZERO)
        .until(() -> polls().stream().filter(p -> !p.start().isBefore(since) && node.equals(p.answer())).findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  /** The client's view of what happened between {@code from} and {@code to} (see {@link Outage}). */
  public Outage outage(Instant from, Instant to) {
    List<Poll> all = polls();
    String before = null;
    Instant lastGoodBefore = null;
    List<Poll> window = new ArrayList<>();
    for (Poll p : all) {
      if (p.start().isBefore(from)) {
        if (p.ok()) {
          before = p.answer();
          lastGoodBefore = p.end();
        }
      } else if (!p.start().isAfter(to)) {
        window.add(p);
      }
    }
    String after = null;
    for (Poll p : window) {
      if (p.ok()) {
        after = p.answer();
      }
    }
    boolean seenAfter = false;
    int bad = 0;
    int run = 0;
    int longest = 0;
    long outageMs = 0;
    boolean recovered = true;
    Instant lastGood = lastGoodBefore;
    Instant runStartRef = null;
    Instant firstServed = null;
    int flips = 0;
    String prevGood = null;
    for (Poll p : window) {
      boolean isBad = !p.ok() || (seenAfter && !p.answer().equals(after));
      if (p.ok() && p.answer().equals(after)) {
        seenAfter = true;
        if (firstServed == null && after != null && !after.equals(before)) {
          firstServed = p.start();
        }
      }
      if (isBad) {
        if (run == 0) {
          runStartRef = lastGood != null ? lastGood : from;
        }
        run++;
        bad++;
      } else {
        if (run > 0 && run >= longest) {
          long ms = millis(runStartRef, p.start());
          if (run > longest || ms > outageMs) {
            outageMs = ms;
          }
          longest = run;
        }
        run = 0;
        lastGood = p.end();
      }
      if (p.ok() && firstServed != null && !p.start().isBefore(firstServed)) {
        if (prevGood != null && !prevGood.equals(p.answer())) {
          flips++;
        }
        prevGood = p.answer();
      }
    }
    if (run > 0 && run >= longest) {
      longest = run;
      outageMs = millis(runStartRef, to);
      recovered = false;
    }
    long firstServedMs = firstServed == null ? -1 : millis(from, firstServed);
    return new Outage(from, to, before, after, outageMs, bad, longest, recovered, firstServed, firstServedMs, flips);
  }

  /** Milliseconds from a to b, rounded as the traces' figures are. */
  private static long millis(Instant a, Instant b) {
    return Math.round(Duration.between(a, b).toNanos() / 1e6);
  }

  /** Kills the poller (idempotent); the log file stays. */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
