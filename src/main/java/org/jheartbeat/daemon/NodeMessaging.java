package org.jheartbeat.daemon;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.membership.LinkStatus;
import org.jheartbeat.membership.LocalIdentity;
import org.jheartbeat.membership.Membership;
import org.jheartbeat.membership.MembershipListener;
import org.jheartbeat.membership.MembershipMetrics;
import org.jheartbeat.membership.NodeStatus;
import org.jheartbeat.resources.ResourceManager;
import org.jheartbeat.runtime.Clock;
import org.jheartbeat.runtime.Scheduler;
import org.jheartbeat.transport.Medium;
import org.jheartbeat.transport.Packet;
import org.jheartbeat.wire.Authenticator;
import org.jheartbeat.wire.ForeignControl;
import org.jheartbeat.wire.Message;
import org.jheartbeat.wire.VerifyResult;

/**
 * One node's messaging, wired as the daemon runs it: each packet a medium receives is
 * authenticated on the receiving thread and, only when authentic, handed to membership on the
 * event loop ({@code loop}); what membership stamps is signed once and sent on every medium
 * ({@link Transmitter}); membership's edges and delivered messages drive the {@link
 * ResourceManager}, and are also shown to an {@code observer} (the daemon's transition log, a
 * simulation's trace). The daemon makes a new one per ha.cf (a reload replaces it whole, as
 * Heartbeat's restart does) while the resource manager lives on; the deterministic simulation
 * builds the very same object per simulated node.
 */
public final class NodeMessaging {
  /** Where packets that fail to parse or authenticate go (never to membership). */
  @FunctionalInterface
  public interface Rejects {
    void rejected(VerifyResult result, Packet packet);
  }

  private final List<Medium> media;
  private final Supplier<Authenticator> auth;
  private final Executor loop;
  private final LoopInbox inbox;
  private final Rejects rejects;
  private final Membership membership;
  private final String self;
  private final Counter foreignControl;

  /**
   * @param loop runs work on the node's event loop (the daemon's {@code loop::post})
   * @param auth the current keys; read per packet, so a reload's new authkeys apply at once
   */
  public NodeMessaging(HaCf haCf, LocalIdentity me, List<Medium> media, Supplier<Authenticator> auth,
      Clock clock, Scheduler scheduler, Executor loop, Supplier<String> loadavg, RandomGenerator random,
      ResourceManager resources, MembershipListener observer, Rejects rejects, MeterRegistry registry) {
    this.media = List.copyOf(media);
    this.auth = auth;
    this.loop = loop;
    this.inbox = new LoopInbox(loop, LoopInbox.LIMIT, clock, registry);
    this.rejects = rejects;
    this.self = me.nodeName();
    this.foreignControl = Counter.builder("heartbeat.packets.foreign_control")
        .description("ACKs, retransmission requests and NAKs addressed to other nodes, dropped before authentication")
        .register(registry);
    Transmitter transmitter = new Transmitter(this.media, auth,
        haCf.protocol().msgfmt().equals("netstring") ? Authenticator.MsgFormat.NETSTRING : Authenticator.MsgFormat.CLASSIC);
    this.membership = new Membership(haCf, me, clock, scheduler, transmitter::send, loadavg, random,
        new MembershipListener() {
          @Override
          public void nodeStatusChanged(String node, NodeStatus from, NodeStatus to) {
            observer.nodeStatusChanged(node, from, to);
            resources.onNodeStatus(node, from.text(), to.text());
          }

          @Override
          public void linkStatusChanged(String node, String link, LinkStatus to) {
            observer.linkStatusChanged(node, link, to);
          }

          @Override
          public void commUp() {
            observer.commUp();
            resources.onCommUp();
          }

          @Override
          public void delivered(Message message) {
            observer.delivered(message);
            resources.onMessage(message);
          }
        }, new MembershipMetrics(registry));
  }

  /** Opens the media and posts membership's start to the loop. */
  public void start() {
    for (Medium m : media) {
      m.open(this::received);
    }
    loop.execute(membership::start);
  }

  /** On the loop: stops membership (nothing more is sent), then closes the media. */
  public void stop() {
    membership.stop();
    media.forEach(Medium::close);
  }

  /** Sends a message originated on this node (the resource manager's outbox). */
  public void send(Message m) {
    membership.send(m);
  }

  public Membership membership() {
    return membership;
  }

  /**
   * On a medium's receive thread: authenticate, then hand the message to the loop. Other nodes'
   * ACKs, retransmission requests and NAKs, most of a large cluster's traffic, are dropped first:
   * membership would only have counted them as a sign of life of the sender's link, which the
   * sender's heartbeats on every medium already give, at least once per keepalive. So is
   * everything while the loop is too far behind ({@link LoopInbox}).
   */
  private void received(Packet packet) {
    if (ForeignControl.isForAnother(packet.data(), self)) {
      foreignControl.increment();
      return;
    }
    if (!inbox.hasRoom()) {
      return;
    }
    VerifyResult result = auth.get().verify(packet.data());
    if (!result.ok()) {
      rejects.rejected(result, packet);
      return;
    }
    Message m = result.message().orElseThrow();
    inbox.post(() -> membership.receive(m, packet.medium()));
  }
}
