package org.jheartbeat.sim;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jheartbeat.daemon.NodeMessaging;
import org.jheartbeat.membership.LocalIdentity;
import org.jheartbeat.membership.Membership;
import org.jheartbeat.membership.MembershipListener;
import org.jheartbeat.resources.Fencer;
import org.jheartbeat.resources.GroupRunner;
import org.jheartbeat.resources.ResourceManager;
import org.jheartbeat.runtime.Clock;
import org.jheartbeat.runtime.Lifecycle;
import org.jheartbeat.transport.Medium;

/**
 * One simulated node: a {@link SimMachine} that lives for the whole run and, while it is up, one
 * daemon incarnation built exactly as HeartbeatDaemon builds it — production {@link GroupRunner}
 * (over the machine's scripted agents), {@link ResourceManager} and {@link NodeMessaging}
 * (membership, signing and authentication) — on its own {@link SimLoop}. Each start is a new
 * generation. The node's wall clock can jump; its monotonic clock is the world's.
 */
final class SimNode {
  final String name;
  final SimMachine machine;
  final NodeClock clock;
  private final SimWorld world;
  private long generation;
  private SimLoop loop;
  private NodeMessaging messaging;
  private ResourceManager resources;
  private final List<Medium> media = new ArrayList<>();
  private boolean stopping;

  SimNode(SimWorld world, String name) {
    this.world = world;
    this.name = name;
    this.machine = new SimMachine(name, world.scheduler, new Random(world.random.nextLong()));
    this.clock = new NodeClock(world.clock);
  }

  /** The node's view of time: the world's monotonic clock, its own (jumpable) wall clock. */
  static final class NodeClock implements Clock {
    private final Clock base;
    private long wallOffsetMillis;

    NodeClock(Clock base) {
      this.base = base;
    }

    @Override
    public long nanoTime() {
      return base.nanoTime();
    }

    @Override
    public long wallMillis() {
      return base.wallMillis() + wallOffsetMillis;
    }

    void jump(Duration d) {
      wallOffsetMillis += d.toMillis();
    }
  }

  static byte[] uuidOf(String node) {
    byte[] u = new byte[16];
    byte[] n = node.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < 16; i++) {
      u[i] = (byte) (i < n.length ? n[i] : 0x5a ^ i);
    }
    return u;
  }

  long generation() {
    return generation;
  }

  /** Daemon running (not crashed, not yet exited after a graceful stop). */
  boolean up() {
    return loop != null && !loop.dead();
  }

  boolean paused() {
    return up() && loop.paused();
  }

  boolean stopping() {
    return up() && stopping;
  }

  Membership membership() {
    return messaging.membership();
  }

  ResourceManager resources() {
    return resources;
  }

  SimLoop loop() {
    return loop;
  }

  void start() {
    stopping = false;
    loop = new SimLoop(world.scheduler, name, world::escaped);
    SimLoop mine = loop;
    media.clear();
    for (String link : SimWorld.LINKS) {
      media.add(world.pumped(world.network.attach(name, link)));
    }
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    GroupRunner groups = new GroupRunner(world.lookup, machine, loop, loop,
        GroupRunner.Options.DEFAULTS.withTimeouts(SimWorld.AGENT_TIMEOUTS), registry);
    NodeMessaging[] self = new NodeMessaging[1];
    SimFencing f = world.fencing;
    resources = new ResourceManager(f == null ? world.haCf(name) : f.rmCf(name), world.haResources, groups,
        f == null ? Fencer.NO_DEVICE : f.fencer(name), clock, loop, m -> self[0].send(m), registry,
        (group, from, to, reason) -> {
          world.note(name, "group " + group + " " + from.text() + " -> " + to.text() + " (" + reason + ")");
          if (f != null) {
            f.groupChanged(name, group, to);
          }
        });
    MembershipListener observer = world.observerFor(this, mine);
    messaging = new NodeMessaging(world.haCf(name), new LocalIdentity(name, uuidOf(name), ++generation), media,
        () -> world.authenticator, clock, loop, loop, () -> "0.10 0.10 0.10 1/80 100",
        new Random(world.random.nextLong()), resources, observer,
        (result, packet) -> world.rejected(name, result, packet), registry);
    self[0] = messaging;
    loop.asNode(messaging::start);
    if (f != null) {
      f.started(this);
    }
  }

  /** Graceful stop: the resource manager releases everything, then the daemon exits a second later. */
  void stop() {
    stopping = true;
    SimLoop mine = loop;
    loop.execute(() -> resources.shutdown(() -> mine.schedule(Duration.ofSeconds(1), () -> {
      messaging.stop();
      mine.kill();
      world.daemonEnded(this);
    })));
  }

  /** Power off: the daemon dies at once and everything the machine ran is gone. */
  void crash() {
    loop.kill();
    media.forEach(Medium::close);
    machine.powerOff();
    world.daemonEnded(this);
  }

  boolean membershipRunning() {
    return up() && messaging.membership().lifecycle() == Lifecycle.RUNNING;
  }
}
