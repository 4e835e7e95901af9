package org.jheartbeat.platform;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ProcessRunner} over {@link ProcessBuilder}. Algorithm: a small bounded pool starts the
 * command as {@code setsid --wait ARGV…}, so that it leads a process group of its own; stdin is
 * {@code /dev/null} and stdout/stderr go to two temporary files (not pipes: a resource script
 * that leaves a daemon running in the background must not hold our reader open). A timer fires
 * at the time limit: it snapshots the descendants, sends SIGTERM to the process group (libc
 * {@code kill(-pgid)} through JNA) and to every descendant (the fallback for children that left
 * the group), and after a grace period SIGKILL to the group, the snapshot and the descendants
 * still visible. When the command exits, the first {@code outputLimit} bytes of each file are
 * kept, the rest counted, the files deleted and the future completed on the pool. A command
 * that exits normally leaves its background children alone (a start script's daemon).
 */
public final class SystemProcessRunner implements ProcessRunner, AutoCloseable {
  public static final int DEFAULT_OUTPUT_LIMIT = 64 * 1024;
  public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(5);
  public static final int DEFAULT_THREADS = 4;

  private static final Logger log = LoggerFactory.getLogger(SystemProcessRunner.class);
  private static final int SIGTERM = 15;
  private static final int SIGKILL = 9;
  private static final List<Path> SETSID_CANDIDATES =
      List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

  private final ThreadPoolExecutor workers;
  private final ScheduledThreadPoolExecutor timer;
  private final Duration killGrace;
  private final int outputLimit;
  private final Optional<Path> setsid;
  private final Set<Run> live = ConcurrentHashMap.newKeySet();

  public SystemProcessRunner() {
    this(DEFAULT_THREADS, DEFAULT_KILL_GRACE, DEFAULT_OUTPUT_LIMIT);
  }

  /**
   * @param threads how many commands may be starting or finishing at once (not how many run)
   * @param killGrace time between SIGTERM and SIGKILL of a timed-out command's tree
   * @param outputLimit bytes kept of stdout and of stderr
   */
  public SystemProcessRunner(int threads, Duration killGrace, int outputLimit) {
    this(threads, killGrace, outputLimit, () -> { });
  }

  /**
   * As above; each of the runner's threads runs {@code threadStart} first (the daemon raises
   * them to its realtime priority: they start commands and collect their results on the
   * takeover path).
   */
  public SystemProcessRunner(int threads, Duration killGrace, int outputLimit, Runnable threadStart) {
    this.killGrace = killGrace;
    this.outputLimit = outputLimit;
    AtomicInteger n = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(1024), r -> daemonThread(r, threadStart, "hb-proc-" + n.incrementAndGet()));
    workers.allowCoreThreadTimeOut(true);
    this.timer = new ScheduledThreadPoolExecutor(1, r -> daemonThread(r, threadStart, "hb-proc-timer"));
    timer.setRemoveOnCancelPolicy(true);
    this.setsid = SETSID_CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    if (setsid.isEmpty()) {
      log.warn("setsid(1) not found: timed-out commands are killed through their descendants only");
    }
  }

  @Override
  public CompletableFuture<ProcessResult> run(ProcessRequest request) {
    CompletableFuture<ProcessResult> result = new CompletableFuture<>();
    try {
      workers.execute(() -> start(request, result));
    } catch (RejectedExecutionException e) {
      result.complete(ProcessResult.notStarted(ProcessResult.EXIT_CANNOT_EXECUTE,
          "not started: process runner closed or saturated"));
    }
    return result;
  }

  /** Kills whatever still runs (SIGKILL to each process group) and stops the threads. */
  @Override
  public void close() {
    for (Run r : live) {
      r.killTree(SIGKILL);
    }
    workers.shutdown();
    timer.shutdownNow();
  }

  private void start(ProcessRequest request, CompletableFuture<ProcessResult> result) {
    long t0 = System.nanoTime();
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("jhb-proc", ".out");
      err = Files.createTempFile("jhb-proc", ".err");
      List<String> argv = new ArrayList<>();
      setsid.ifPresent(p -> {
        argv.add(p.toString());
        argv.add("--wait");
      });
      argv.addAll(request.argv());
      ProcessBuilder pb = new ProcessBuilder(argv)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile());
      pb.environment().putAll(request.env());
      request.workDir().ifPresent(d -> pb.directory(d.toFile()));
      log.debug("exec {}", request.commandLine());
      Process p = pb.start();
      Run run = new Run(p, request, out, err, t0, result);
      live.add(run);
      run.timeoutTask = timer.schedule(run::timeout, request.timeout().toNanos(), TimeUnit.NANOSECONDS);
      p.onExit().whenComplete((ph, ex) -> {
        run.timeoutTask.cancel(false);
        try {
          workers.execute(run::finish);
        } catch (RejectedExecutionException e) {
          run.finish();
        }
      });
    } catch (IOException | RuntimeException e) {
      deleteQuietly(out);
      deleteQuietly(err);
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      int code = reason.contains("Permission denied")
          ? ProcessResult.EXIT_CANNOT_EXECUTE : ProcessResult.EXIT_NOT_FOUND;
      result.complete(ProcessResult.notStarted(code, "cannot run " + request.argv().get(0) + ": " + reason));
    }
  }

  /** One running command. */
  private final class Run {
    final Process process;
    final ProcessRequest request;
    final Path out;
    final Path err;
    final long t0;
    final CompletableFuture<ProcessResult> result;
    final AtomicBoolean timedOut = new AtomicBoolean();
    final List<ProcessHandle> seen = new ArrayList<>();
    volatile ScheduledFuture<?> timeoutTask;

    Run(Process p, ProcessRequest req, Path out, Path err, long t0, CompletableFuture<ProcessResult> result) {
      this.process = p;
      this.request = req;
      this.out = out;
      this.err = err;
      this.t0 = t0;
      this.result = result;
    }

    void timeout() {
      if (!process.isAlive()) {
        return;
      }
      timedOut.set(true);
      log.debug("timeout after {} ms, killing process group {}: {}", request.timeout().toMillis(),
          process.pid(), request.commandLine());
      killTree(SIGTERM);
      try {
        timer.schedule(() -> killTree(SIGKILL), killGrace.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        killTree(SIGKILL);
      }
    }

    synchronized void killTree(int signal) {
      process.descendants().forEach(seen::add);
      if (setsid.isPresent()) {
        try {
          Libc.kill(-process.pid(), signal);
        } catch (LinkageError e) { // JNA unusable here: the descendants below are all we can reach
          log.warn("cannot signal process group {}: {}", process.pid(), e.toString());
        }
      }
      for (ProcessHandle h : seen) {
        if (signal == SIGKILL) {
          h.destroyForcibly();
        } else {
          h.destroy();
        }
      }
      if (signal == SIGKILL) {
        process.destroyForcibly();
      } else {
        process.destroy();
      }
    }

    void finish() {
      live.remove(this);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      try {
        Captured o = capture(out);
        Captured e = capture(err);
        int exit = process.exitValue();
        log.debug("exit {}{} after {} ms: {}", exit, timedOut.get() ? " (timed out)" : "",
            took.toMillis(), request.commandLine());
        result.complete(new ProcessResult(exit, timedOut.get(), took, o.text, e.text, o.dropped, e.dropped));
      } catch (RuntimeException ex) {
        result.complete(new ProcessResult(process.exitValue(), timedOut.get(), took, "",
            "output lost: " + ex, 0, 0));
      } finally {
        deleteQuietly(out);
        deleteQuietly(err);
      }
    }
  }

  private record Captured(String text, long dropped) {}

  private Captured capture(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] kept = in.readNBytes(outputLimit);
      long size = Files.size(file);
      return new Captured(new String(kept, StandardCharsets.UTF_8), Math.max(0, size - kept.length));
    } catch (IOException e) {
      return new Captured("", 0);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a temporary file; nothing more to do
      }
    }
  }

  private static Thread daemonThread(Runnable r, Runnable threadStart, String name) {
    Thread t = new Thread(() -> {
      threadStart.run();
      r.run();
    }, name);
    t.setDaemon(true);
    return t;
  }

  /** kill(2) from libc: the JDK cannot signal a process group. */
  private static final class Libc {
    private interface CLibrary extends Library {
      int kill(int pid, int sig);
    }

    private static final CLibrary LIBC = Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);

    static void kill(long pid, int sig) {
      LIBC.kill((int) pid, sig);
    }
  }
}
