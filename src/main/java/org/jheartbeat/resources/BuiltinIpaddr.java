package org.jheartbeat.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jheartbeat.config.ResourceSpec;
import org.jheartbeat.platform.ProcessRequest;
import org.jheartbeat.platform.ProcessResult;
import org.jheartbeat.platform.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jheartbeat's own fast path for {@code IPaddr::ADDR[/BITS[/IFACE[/BROADCAST]]]} and
 * {@code IPaddr2::…} (same argument form), used when no such script is installed or when the
 * operator prefers it. start: list the addresses ({@code ip -o -4 addr show}), compute the missing
 * parts ({@link VipPlan}; {@code Using calculated netmask for ADDR: 255.255.255.0}), then
 * {@code ip -4 addr add ADDR/BITS brd BCAST dev IFACE label IFACE:N} (IPaddr's alias label) and
 * start the {@link GratuitousArp} announcements without waiting for them; an address already
 * present succeeds at once. status: running when the address is on the interface (on any
 * interface when none is given). stop: {@code ip -4 addr del ADDR/PREFIX dev DEV} where the
 * address actually is; stopping an absent address succeeds. Every command goes through the
 * {@link ProcessRunner} as an argv list with the operation's time limit.
 */
public final class BuiltinIpaddr implements ResourceAgent {
  private static final Logger log = LoggerFactory.getLogger(BuiltinIpaddr.class);

  private final ResourceSpec spec;
  private final ProcessRunner runner;
  private final GratuitousArp arp;
  private final AgentTimeouts timeouts;

  public BuiltinIpaddr(ResourceSpec spec, ProcessRunner runner, GratuitousArp arp, AgentTimeouts timeouts) {
    this.spec = spec;
    this.runner = runner;
    this.arp = arp;
    this.timeouts = timeouts;
  }

  @Override
  public String name() {
    return spec.text();
  }

  @Override
  public CompletableFuture<AgentResult> run(AgentOperation op) {
    String line = "Running built-in " + spec.script() + " " + String.join(" ", spec.args()) + " " + op.word();
    if (op == AgentOperation.STATUS) {
      log.debug(line);
    } else {
      log.info(line);
    }
    VipArgument arg;
    try {
      if (spec.args().size() != 1) {
        throw new IllegalArgumentException("expected one argument ADDR[/BITS[/IFACE[/BROADCAST]]], got " + spec.args());
      }
      arg = VipArgument.parse(spec.args().get(0));
    } catch (IllegalArgumentException e) {
      log.error("Resource {} {}: {}", name(), op.word(), e.getMessage());
      return CompletableFuture.completedFuture(switch (op) {
        case START -> AgentResult.FAILED;
        case STOP -> AgentResult.SUCCESS; // nothing of ours can carry an address we cannot parse
        case STATUS -> AgentResult.STOPPED;
      });
    }
    CompletableFuture<AgentResult> result = switch (op) {
      case START -> start(arg);
      case STOP -> stop(arg);
      case STATUS -> status(arg);
    };
    return result.exceptionally(e -> {
      log.error("Resource {} {} failed: {}", name(), op.word(), e.toString());
      return op == AgentOperation.STATUS ? AgentResult.STOPPED : AgentResult.FAILED;
    });
  }

  private CompletableFuture<AgentResult> start(VipArgument arg) {
    return list(Optional.empty(), timeouts.start()).thenCompose(listing -> {
      if (listing.timedOut() || listing.exitCode() != 0) {
        return failed("start", listing);
      }
      List<AddrLine> lines = AddrLine.parseAll(listing.stdout());
      VipPlan plan;
      try {
        plan = VipPlan.resolve(arg, lines);
      } catch (IllegalStateException e) {
        log.error("Resource {} start failed: {}", name(), e.getMessage());
        return CompletableFuture.completedFuture(AgentResult.FAILED);
      }
      if (plan.calculatedBits()) {
        log.info("Using calculated netmask for {}: {}", plan.address(), plan.netmask());
      }
      if (plan.calculatedIface()) {
        log.info("Using calculated nic for {}: {}", plan.address(), plan.iface());
      }
      if (lines.stream().anyMatch(l -> l.address().equals(plan.address()) && l.dev().equals(plan.iface()))) {
        log.info("{} is already configured on {}", plan.address(), plan.iface());
        arp.announce(plan.iface(), plan.address());
        return CompletableFuture.completedFuture(AgentResult.SUCCESS);
      }
      List<String> add = List.of("ip", "-4", "addr", "add", plan.cidr(), "brd", plan.broadcast(),
          "dev", plan.iface(), "label", plan.label());
      log.info("{}", String.join(" ", add));
      return runner.run(ProcessRequest.of(timeouts.start(), add)).thenCompose(r -> {
        if (r.timedOut() || r.exitCode() != 0) {
          return failed("start", r);
        }
        arp.announce(plan.iface(), plan.address());
        return CompletableFuture.completedFuture(AgentResult.SUCCESS);
      });
    });
  }

  private CompletableFuture<AgentResult> status(VipArgument arg) {
    return list(arg.iface(), timeouts.status()).thenApply(listing -> {
      if (listing.timedOut()) {
        log.error("Resource {} status timed out after {} ms", name(), listing.duration().toMillis());
        return AgentResult.TIMED_OUT;
      }
      boolean present = listing.exitCode() == 0 && find(arg, AddrLine.parseAll(listing.stdout())).isPresent();
      log.debug("{}: status {}", name(), present ? "running" : "stopped");
      return present ? AgentResult.RUNNING : AgentResult.STOPPED;
    });
  }

  private CompletableFuture<AgentResult> stop(VipArgument arg) {
    arp.cancel(arg.address());
    return list(Optional.empty(), timeouts.stop()).thenCompose(listing -> {
      if (listing.timedOut() || listing.exitCode() != 0) {
        return failed("stop", listing);
      }
      Optional<AddrLine> where = find(arg, AddrLine.parseAll(listing.stdout()));
      if (where.isEmpty()) {
        log.info("{} is not configured{}: nothing to stop", arg.address(), arg.iface().map(i -> " on " + i).orElse(""));
        return CompletableFuture.completedFuture(AgentResult.SUCCESS);
      }
      AddrLine l = where.get();
      List<String> del = List.of("ip", "-4", "addr", "del", l.address() + "/" + l.prefix(), "dev", l.dev());
      log.info("{}", String.join(" ", del));
      return runner.run(ProcessRequest.of(timeouts.stop(), del))
          .thenCompose(r -> r.timedOut() || r.exitCode() != 0
              ? failed("stop", r) : CompletableFuture.completedFuture(AgentResult.SUCCESS));
    });
  }

  private CompletableFuture<ProcessResult> list(Optional<String> dev, java.time.Duration timeout) {
    List<String> argv = new ArrayList<>(List.of("ip", "-o", "-4", "addr", "show"));
    dev.ifPresent(d -> {
      argv.add("dev");
      argv.add(d);
    });
    return runner.run(ProcessRequest.of(timeout, argv));
  }

  private static Optional<AddrLine> find(VipArgument arg, List<AddrLine> lines) {
    return lines.stream()
        .filter(l -> l.address().equals(arg.address()))
        .filter(l -> arg.iface().map(l.dev()::equals).orElse(true))
        .findFirst();
  }

  private CompletableFuture<AgentResult> failed(String op, ProcessResult r) {
    if (r.timedOut()) {
      log.error("Resource {} {} timed out after {} ms", name(), op, r.duration().toMillis());
      return CompletableFuture.completedFuture(AgentResult.TIMED_OUT);
    }
    log.error("Resource {} {} failed: exit {}: {}", name(), op, r.exitCode(), ScriptAgent.oneLine(r));
    return CompletableFuture.completedFuture(AgentResult.FAILED);
  }
}
