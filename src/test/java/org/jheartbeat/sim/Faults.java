package org.jheartbeat.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jheartbeat.wire.Authenticator;
import org.jheartbeat.wire.Message;

/**
 * The catalogue of fault kinds, drawn uniformly by {@link #pick}. Temporary faults end by
 * themselves after a drawn time ({@link SimWorld#later}); the recovery time of each kind is what
 * the liveness invariants allow after it: deadtime (5 s), agent limits (5 s + 5 s guard) and the
 * protocol's own timers (10 s resource timer, 30 s hb_standby after a failed start) with margin.
 * To add a kind, append a {@link Kind} here; nothing else needs to change.
 */
final class Faults {
  private Faults() {}

  /** A fault kind: its name, its recovery time and how it is injected. */
  record Kind(String name, Duration recovery, Injector injector) implements Fault {
    @Override
    public String inject(SimWorld world, Random random) {
      return injector.inject(world, random, this);
    }
  }

  @FunctionalInterface
  interface Injector {
    String inject(SimWorld w, Random r, Kind self);
  }

  private static final Duration NETWORK = Duration.ofSeconds(30);
  private static final Duration RESTART = Duration.ofSeconds(45);

  static final List<Kind> ALL = List.of(
      new Kind("loss", NETWORK, (w, r, k) -> {
        double p = 0.05 + 0.35 * r.nextDouble();
        w.network.faults().drop(p);
        w.later(seconds(r, 5, 30), "loss ends", k, () -> w.network.faults().drop(0));
        return String.format("loss %.0f%%", p * 100);
      }),
      new Kind("delay", NETWORK, (w, r, k) -> {
        int max = 20 + r.nextInt(100);
        w.network.faults().delay(0, max);
        w.later(seconds(r, 5, 30), "delay ends", k, () -> w.network.faults().delay(0, 10));
        return "delay/reorder 0-" + max * SimWorld.NET_TICK.toMillis() + " ms";
      }),
      new Kind("duplicate", NETWORK, (w, r, k) -> {
        w.network.faults().duplicate(0.3);
        w.later(seconds(r, 5, 30), "duplication ends", k, () -> w.network.faults().duplicate(0));
        return "duplicate 30%";
      }),
      new Kind("partition", NETWORK, (w, r, k) -> {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        List<String> names = new ArrayList<>(w.nodes.keySet());
        a.add(names.remove(r.nextInt(names.size())));
        b.add(names.remove(r.nextInt(names.size())));
        names.forEach(n -> (r.nextBoolean() ? a : b).add(n));
        for (String x : a) {
          for (String y : b) {
            w.block(x, y);
            w.block(y, x);
          }
        }
        w.later(seconds(r, 3, 30), "network heals", k, w::healNetwork);
        return "partition " + a + " | " + b;
      }),
      new Kind("asymmetric", NETWORK, (w, r, k) -> {
        List<String> names = new ArrayList<>(w.nodes.keySet());
        String from = names.remove(r.nextInt(names.size()));
        String to = names.get(r.nextInt(names.size()));
        w.block(from, to);
        w.later(seconds(r, 3, 30), "network heals", k, w::healNetwork);
        return "block " + from + " -> " + to;
      }),
      new Kind("link-cut", NETWORK, (w, r, k) -> {
        String n = anyNode(w, r);
        String link = SimWorld.LINKS.get(r.nextInt(SimWorld.LINKS.size()));
        w.cut(n, link);
        w.later(seconds(r, 3, 30), "network heals", k, w::healNetwork);
        return "cut " + n + ":" + link;
      }),
      new Kind("crash", RESTART, (w, r, k) -> {
        SimNode n = upNode(w, r);
        if (n == null) {
          return null;
        }
        n.crash();
        restartLater(w, r, k, n);
        return "crash (power off) " + n.name;
      }),
      new Kind("stop", RESTART, (w, r, k) -> {
        SimNode n = upNode(w, r);
        if (n == null || n.stopping()) {
          return null;
        }
        n.stop();
        restartLater(w, r, k, n);
        return "graceful stop " + n.name;
      }),
      new Kind("pause", NETWORK, (w, r, k) -> {
        SimNode n = upNode(w, r);
        if (n == null || n.paused()) {
          return null;
        }
        Duration d = Duration.ofMillis(1000 + r.nextInt((int) SimWorld.TIMING.deadtimeMs() * 4));
        SimLoop loop = n.loop();
        loop.pause();
        w.later(d, "resume " + n.name, k, loop::resume);
        return "pause " + n.name + "'s event loop for " + d.toMillis() + " ms";
      }),
      new Kind("wall-jump", Duration.ofSeconds(10), (w, r, k) -> {
        SimNode n = w.nodes.get(anyNode(w, r));
        Duration d = Duration.ofSeconds(60 + r.nextInt(7200)).multipliedBy(r.nextBoolean() ? 1 : -1);
        n.clock.jump(d);
        return "wall clock of " + n.name + " jumps " + d.toSeconds() + " s";
      }),
      new Kind("agent", Duration.ofSeconds(60), (w, r, k) -> {
        SimNode n = w.nodes.get(anyNode(w, r));
        List<String> resources = w.groups().stream().flatMap(g -> g.resources().stream())
            .map(s -> s.args().get(0)).toList();
        String res = resources.get(r.nextInt(resources.size()));
        SimMachine.Behaviour[] bad = {SimMachine.Behaviour.FAIL_START, SimMachine.Behaviour.FLAKY_STOP,
            SimMachine.Behaviour.SLOW, SimMachine.Behaviour.HANG, SimMachine.Behaviour.STUCK};
        SimMachine.Behaviour b = bad[r.nextInt(bad.length)];
        n.machine.behave(res, b);
        w.later(seconds(r, 10, 60), "agent " + res + " on " + n.name + " healthy again", k,
            () -> n.machine.behave(res, SimMachine.Behaviour.OK));
        return "agent " + res + " on " + n.name + ": " + b;
      }),
      new Kind("forge", Duration.ofSeconds(5), (w, r, k) -> {
        int count = 1 + r.nextInt(5);
        for (int i = 0; i < count; i++) {
          w.inject(SimWorld.LINKS.get(r.nextInt(SimWorld.LINKS.size())), forged(w, r), true);
        }
        return count + " forged packet(s)";
      }),
      new Kind("replay", Duration.ofSeconds(5), (w, r, k) -> {
        List<SimWorld.Captured> old = w.captured().stream()
            .filter(c -> c.atNanos() < w.now() - Duration.ofSeconds(5).toNanos()).toList();
        if (old.isEmpty()) {
          return null;
        }
        int count = 1 + r.nextInt(20);
        for (int i = 0; i < count; i++) {
          SimWorld.Captured c = old.get(r.nextInt(old.size()));
          w.inject(c.link(), c.data(), false);
        }
        return "replay " + count + " captured packet(s)";
      }),
      new Kind("operator", Duration.ofSeconds(30), (w, r, k) -> {
        SimNode n = upNode(w, r);
        if (n == null || n.paused() || n.stopping()) {
          return null;
        }
        String set = List.of("all", "local", "foreign").get(r.nextInt(3));
        boolean standby = r.nextBoolean();
        String[] answer = new String[1];
        n.loop().asNode(() -> answer[0] = (standby ? n.resources().standby(set) : n.resources().takeover(set)).text());
        return (standby ? "hb_standby " : "hb_takeover ") + set + " on " + n.name + ": " + answer[0];
      }));

  static Kind pick(Random r) {
    return ALL.get(r.nextInt(ALL.size()));
  }

  private static Duration seconds(Random r, int min, int max) {
    return Duration.ofMillis(min * 1000L + r.nextInt((max - min) * 1000));
  }

  private static String anyNode(SimWorld w, Random r) {
    List<String> names = new ArrayList<>(w.nodes.keySet());
    return names.get(r.nextInt(names.size()));
  }

  private static SimNode upNode(SimWorld w, Random r) {
    List<SimNode> up = w.nodes.values().stream().filter(SimNode::up).toList();
    return up.isEmpty() ? null : up.get(r.nextInt(up.size()));
  }

  private static void restartLater(SimWorld w, Random r, Kind k, SimNode n) {
    w.later(seconds(r, 6, 30), "restart " + n.name, k, () -> {
      if (!n.up()) {
        n.start();
      }
    });
  }

  /** Bytes a node must refuse: wrong key, garbage, a flipped bit in a real packet, or no auth at all. */
  private static byte[] forged(SimWorld w, Random r) {
    List<String> names = new ArrayList<>(w.nodes.keySet());
    String as = names.get(r.nextInt(names.size()));
    Message m = Message.builder().add("t", r.nextBoolean() ? "status" : "hb_takeover").add("st", "active")
        .add("rsc_hold", "all").add("forged", "1").add("src", as).add("seq", "1").add("hg", "7fffffff")
        .add("ts", Long.toHexString(w.clock.wallMillis() / 1000)).build();
    switch (r.nextInt(4)) {
      case 0 -> {
        return w.foreignKeys.sign(m, Authenticator.MsgFormat.CLASSIC);
      }
      case 1 -> {
        byte[] junk = new byte[1 + r.nextInt(300)];
        r.nextBytes(junk);
        return junk;
      }
      case 2 -> {
        List<SimWorld.Captured> c = w.captured();
        if (!c.isEmpty()) {
          byte[] copy = c.get(r.nextInt(c.size())).data().clone();
          copy[r.nextInt(copy.length)] ^= (byte) (1 << r.nextInt(8));
          return copy;
        }
        return w.foreignKeys.sign(m, Authenticator.MsgFormat.NETSTRING);
      }
      default -> {
        return (">>>\n" + String.join("\n", m.fields().stream().map(f -> f.name() + "="
            + m.get(f.name()).orElse("")).toList()) + "\n<<<\n").getBytes(StandardCharsets.ISO_8859_1);
      }
    }
  }
}
