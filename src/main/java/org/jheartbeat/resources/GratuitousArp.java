package org.jheartbeat.resources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jheartbeat.platform.ProcessRequest;
import org.jheartbeat.platform.ProcessResult;
import org.jheartbeat.platform.ProcessRunner;
import org.jheartbeat.runtime.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces a newly added address the way IPaddr's {@code send_arp} does: {@code count}
 * announcements {@code interval} apart (10 × 250 ms by default), alternating a gratuitous
 * request and a gratuitous reply, the first at once, all in the background. Java cannot send raw
 * ARP, so each announcement is one {@code arping} run. Debian ships two incompatible arpings;
 * the first announcement detects which one is installed ({@code arping -V}, then
 * {@code arping --help}) and logs it once: iputils ({@code arping -U|-A -c 1 -I IFACE ADDR}) or
 * Thomas Habets' arping ({@code arping -U [-P] -c 1 -i IFACE -S ADDR ADDR}; checked with 2.23, whose
 * {@code -V} takes an argument but prints its banner, and which exits 1 for want of a reply to an
 * unsolicited ARP, so that exit counts as sent). Without an arping
 * the address still works; neighbours just learn it later, and a WARN says so.
 */
public final class GratuitousArp {
  public static final int DEFAULT_COUNT = 10;
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);

  private static final Logger log = LoggerFactory.getLogger(GratuitousArp.class);
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(5);

  /** Which arping is installed. */
  public enum Flavor {
    /** iputils-arping (Debian package {@code iputils-arping}). */
    IPUTILS,
    /** Thomas Habets' arping (Debian package {@code arping}). */
    HABETS,
    /** none found */
    NONE
  }

  private final ProcessRunner runner;
  private final Scheduler scheduler;
  private final Map<String, List<Scheduler.Cancellable>> pending = new ConcurrentHashMap<>();
  private final int count;
  private final Duration interval;
  private final AtomicReference<CompletableFuture<Flavor>> flavor = new AtomicReference<>();

  public GratuitousArp(ProcessRunner runner, Scheduler scheduler) {
    this(runner, scheduler, DEFAULT_COUNT, DEFAULT_INTERVAL);
  }

  public GratuitousArp(ProcessRunner runner, Scheduler scheduler, int count, Duration interval) {
    this.runner = runner;
    this.scheduler = scheduler;
    this.count = count;
    this.interval = interval;
  }

  /** Starts the announcements of {@code address} on {@code iface}; returns at once. */
  public void announce(String iface, String address) {
    flavor().thenAccept(f -> {
      if (f == Flavor.NONE) {
        log.warn("No arping found: no gratuitous ARP for {} on {}", address, iface);
        return;
      }
      log.info("Sending {} gratuitous ARPs for {} on {}, {} ms apart", count, address, iface, interval.toMillis());
      AtomicBoolean warned = new AtomicBoolean();
      send(f, iface, address, 0, warned);
      List<Scheduler.Cancellable> later = pending.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>());
      for (int i = 1; i < count; i++) {
        int n = i;
        try {
          later.add(scheduler.schedule(interval.multipliedBy(i), () -> send(f, iface, address, n, warned)));
        } catch (RejectedExecutionException e) {
          log.debug("gratuitous ARP for {} cut short: {}", address, e.toString());
          return;
        }
      }
    });
  }

  /** Calls off the announcements still to come for {@code address}: it is being released. */
  public void cancel(String address) {
    List<Scheduler.Cancellable> later = pending.remove(address);
    if (later != null) {
      later.forEach(Scheduler.Cancellable::cancel);
    }
  }

  /** The installed arping, detected once. */
  public CompletableFuture<Flavor> flavor() {
    CompletableFuture<Flavor> mine = new CompletableFuture<>();
    if (!flavor.compareAndSet(null, mine)) {
      return flavor.get();
    }
    runner.run(ProcessRequest.of(RUN_TIMEOUT, List.of("arping", "-V")))
        .thenCompose(v -> {
          Flavor f = classify(v.stdout() + v.stderr());
          if (f != Flavor.NONE) {
            return CompletableFuture.completedFuture(f);
          }
          return runner.run(ProcessRequest.of(RUN_TIMEOUT, List.of("arping", "--help")))
              .thenApply(h -> classify(h.stdout() + h.stderr()));
        })
        .exceptionally(e -> Flavor.NONE)
        .thenAccept(f -> {
          switch (f) {
            case IPUTILS -> log.info("Gratuitous ARP through iputils arping (arping -U/-A -I)");
            case HABETS -> log.info("Gratuitous ARP through Thomas Habets' arping (arping -U -i -S)");
            case NONE -> log.warn("No arping installed (iputils-arping or arping): gratuitous ARP disabled");
          }
          mine.complete(f);
        });
    return mine;
  }

  /** Which arping printed {@code output} for {@code -V} or {@code --help}. */
  public static Flavor classify(String output) {
    if (output.contains("iputils")) {
      return Flavor.IPUTILS;
    }
    if (output.contains("Habets") || output.contains("ARPing")) {
      return Flavor.HABETS;
    }
    return Flavor.NONE;
  }

  /** The argv of announcement number {@code n}: even numbers a request, odd a reply (send_arp). */
  public static List<String> argv(Flavor f, String iface, String address, int n) {
    boolean reply = n % 2 == 1;
    List<String> argv = new ArrayList<>(List.of("arping", "-q"));
    switch (f) {
      case IPUTILS -> argv.addAll(List.of(reply ? "-A" : "-U", "-c", "1", "-I", iface, address));
      case HABETS -> {
        argv.add("-U");
        if (reply) {
          argv.add("-P");
        }
        argv.addAll(List.of("-c", "1", "-i", iface, "-S", address, address));
      }
      case NONE -> throw new IllegalArgumentException("no arping");
    }
    return argv;
  }

  /**
   * Whether an arping run with this exit code sent its announcement: iputils exits 0 in -U/-A
   * mode; Habets' arping exits 1 when no reply came, which is normal for an unsolicited ARP.
   */
  public static boolean sent(Flavor f, int exitCode) {
    return exitCode == 0 || (f == Flavor.HABETS && exitCode == 1);
  }

  private void send(Flavor f, String iface, String address, int n, AtomicBoolean warned) {
    runner.run(ProcessRequest.of(RUN_TIMEOUT, argv(f, iface, address, n))).thenAccept(r -> {
      if ((r.timedOut() || !sent(f, r.exitCode())) && !warned.getAndSet(true)) {
        log.warn("arping for {} on {} failed: exit {}{}: {}", address, iface, r.exitCode(),
            r.timedOut() ? " (timed out)" : "", output(r));
      } else {
        log.debug("gratuitous ARP {}/{} for {} on {}: exit {}", n + 1, count, address, iface, r.exitCode());
      }
    });
  }

  private static String output(ProcessResult r) {
    String text = (r.stdout() + " " + r.stderr()).strip().replace('\n', ' ');
    return text.isEmpty() ? "(no output)" : text;
  }
}
