package org.jheartbeat.membership;

import java.time.Duration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.runtime.Scheduler;
import org.jheartbeat.testkit.ManualClock;
import org.jheartbeat.testkit.ManualScheduler;
import org.jheartbeat.wire.Message;
import org.slf4j.MDC;

/**
 * Several membership engines on one {@link ManualScheduler}, wired through an in-memory
 * broadcast network with seeded loss, duplication, jitter and drop rules. Every packet is also
 * looped back to its sender, as a bcast medium does. Work done for a node runs with MDC
 * {@code node} set, so captured log lines say which node logged them.
 */
final class SimCluster {
  /** Drops matching packets (from, to, medium, message). */
  interface DropRule {
    boolean drop(String from, String to, String medium, Message m);
  }

  final ManualClock clock = new ManualClock();
  final ManualScheduler scheduler = new ManualScheduler(clock);
  final Random random;
  double loss;
  double duplicate;
  int jitterMs;
  final List<DropRule> rules = new ArrayList<>();
  final Map<String, Membership> engines = new LinkedHashMap<>();
  final Map<String, SimpleMeterRegistry> registries = new LinkedHashMap<>();
  final Map<String, HaCf> configs = new HashMap<>();
  final Map<String, List<Message>> sent = new HashMap<>();
  final Map<String, List<Message>> delivered = new HashMap<>();
  final Map<String, List<String>> edges = new HashMap<>();

  SimCluster(long seed) {
    this.random = new Random(seed);
  }

  Membership add(String name, HaCf cf, long generation) {
    Scheduler nodeScheduler = (d, task) -> scheduler.schedule(d, () -> as(name, task));
    sent.put(name, new ArrayList<>());
    delivered.put(name, new ArrayList<>());
    edges.put(name, new ArrayList<>());
    MembershipListener listener = new MembershipListener() {
      @Override
      public void nodeStatusChanged(String node, NodeStatus from, NodeStatus to) {
        edges.get(name).add(node + " " + from + "->" + to);
      }

      @Override
      public void linkStatusChanged(String node, String link, LinkStatus to) {
        edges.get(name).add(node + ":" + link + " " + to);
      }

      @Override
      public void commUp() {
        edges.get(name).add("commUp");
      }

      @Override
      public void delivered(Message message) {
        delivered.get(name).add(message);
      }
    };
    Membership m = new Membership(cf, new LocalIdentity(name, TestConfigs.uuidOf(name), generation),
        clock, nodeScheduler, msg -> transmit(name, msg), () -> "0.30 0.17 0.07 1/95 8815",
        new Random(random.nextLong()), listener,
        new MembershipMetrics(registries.computeIfAbsent(name, n -> new SimpleMeterRegistry())));
    engines.put(name, m);
    configs.put(name, cf);
    return m;
  }

  void start(String name) {
    as(name, () -> engines.get(name).start());
  }

  void stop(String name) {
    as(name, () -> engines.get(name).stop());
  }

  void send(String name, Message m) {
    as(name, () -> engines.get(name).send(m));
  }

  Membership get(String name) {
    return engines.get(name);
  }

  void advance(Duration d) {
    scheduler.advance(d);
  }

  private void transmit(String from, Message m) {
    sent.get(from).add(m);
    for (String to : new ArrayList<>(engines.keySet())) {
      for (String medium : configs.get(from).media().stream().map(x -> x.linkName()).toList()) {
        if (rules.stream().anyMatch(r -> r.drop(from, to, medium, m))) {
          continue;
        }
        boolean remote = !to.equals(from);
        if (remote && random.nextDouble() < loss) {
          continue;
        }
        int copies = remote && random.nextDouble() < duplicate ? 2 : 1;
        for (int i = 0; i < copies; i++) {
          long delay = 1 + (jitterMs > 0 ? random.nextInt(jitterMs) : 0);
          scheduler.schedule(Duration.ofMillis(delay), () -> as(to, () -> {
            Membership target = engines.get(to);
            if (target != null) {
              target.receive(m, medium);
            }
          }));
        }
      }
    }
  }

  static void as(String node, Runnable r) {
    String old = MDC.get("node");
    MDC.put("node", node);
    try {
      r.run();
    } finally {
      if (old == null) {
        MDC.remove("node");
      } else {
        MDC.put("node", old);
      }
    }
  }

  /** Messages of type {@code t} that {@code node} sent. */
  List<Message> sentOfType(String node, String t) {
    return sent.get(node).stream().filter(m -> m.type().equals(t)).toList();
  }
}
