package org.jheartbeat.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryNetworkTest {

  /** A node's medium plus what it received. */
  record Node(Medium medium, List<Packet> inbox) {
    static Node attach(InMemoryNetwork net, String node, String medium) {
      List<Packet> inbox = new ArrayList<>();
      Medium m = net.attach(node, medium);
      m.open(inbox::add);
      return new Node(m, inbox);
    }

    List<Integer> numbers() {
      return inbox.stream().map(p -> ByteBuffer.wrap(p.data()).getInt()).toList();
    }

    List<String> senders() {
      return inbox.stream().map(p -> p.source().getHostString()).toList();
    }
  }

  static byte[] n(int i) {
    return ByteBuffer.allocate(4).putInt(i).array();
  }

  @Test
  void synchronousDeliveryReachesSameNamedMediaAndLoopsBack() {
    InMemoryNetwork net = new InMemoryNetwork();
    Node a = Node.attach(net, "alpha", "eth1");
    Node b = Node.attach(net, "bravo", "eth1");
    Node other = Node.attach(net, "bravo", "eth0");

    a.medium().send(n(1));

    assertThat(b.numbers()).containsExactly(1);
    assertThat(b.senders()).containsExactly("alpha");
    assertThat(b.inbox().get(0).medium()).isEqualTo("eth1");
    assertThat(a.numbers()).as("loop-back copy like Linux bcast").containsExactly(1);
    assertThat(other.inbox()).isEmpty();
    assertThat(a.medium().stats().packetsSent()).isEqualTo(1);
    assertThat(b.medium().stats().packetsReceived()).isEqualTo(1);
  }

  @Test
  void receiverGetsItsOwnCopyOfTheBytes() {
    InMemoryNetwork net = new InMemoryNetwork();
    Node a = Node.attach(net, "alpha", "eth1");
    Node b = Node.attach(net, "bravo", "eth1");
    byte[] data = n(7);
    a.medium().send(data);
    data[3] = 0;
    b.inbox().get(0).data()[0] = 9;
    assertThat(a.numbers()).containsExactly(7);
  }

  @Test
  void queuedDeliveryWaitsForTheTest() {
    InMemoryNetwork net = new InMemoryNetwork(1);
    Node a = Node.attach(net, "alpha", "eth1");
    Node b = Node.attach(net, "bravo", "eth1");
    a.medium().send(n(1));
    assertThat(b.inbox()).isEmpty();
    assertThat(net.pending()).isEqualTo(2);
    assertThat(net.deliverPending()).isEqualTo(2);
    assertThat(b.numbers()).containsExactly(1);
    assertThat(a.numbers()).containsExactly(1);
  }

  @Test
  void dropRateIsAboutTheProbabilityAndDeterministicPerSeed() {
    int first = receivedOutOf10000(42, 0.2);
    assertThat(first).isBetween(7_800, 8_200);
    assertThat(receivedOutOf10000(42, 0.2)).isEqualTo(first);
    assertThat(receivedOutOf10000(43, 0.2)).isNotEqualTo(first);
    assertThat(receivedOutOf10000(42, 0.0)).isEqualTo(10_000);
    assertThat(receivedOutOf10000(42, 1.0)).isZero();
  }

  private static int receivedOutOf10000(long seed, double p) {
    InMemoryNetwork net = new InMemoryNetwork(seed);
    net.faults().drop(p);
    Node a = Node.attach(net, "alpha", "eth1");
    Node b = Node.attach(net, "bravo", "eth1");
    for (int i = 0; i < 10_000; i++) {
      a.medium().send(n(i));
    }
    net.drain(10);
    assertThat(a.inbox()).as("loop-back is never dropped").hasSize(10_000);
    return b.inbox().size();
  }

  @Test
  void directedDropAffectsOneDirectionOnly() {
    InMemoryNetwork net = new InMemoryNetwork(5);
    net.faults().drop("alpha", "bravo", 1.0);
    Node a = Node.attach(net, "alpha", "eth1");
    Node b = Node.attach(net, "bravo", "eth1");
    a.medium().send(n(1));
    b.medium().send(n(2));
    net.deliverPending();
    assertThat(b.numbers()).containsExactly(2);
    assertThat(a.numbers()).containsExactly(1, 2);
    assertThat(net.dropped()).isEqualTo(1);
  }

  @Test
  void symmetricPartitionCutsBothWaysAndHeals() {
    InMemoryNetwork net = new InMemoryNetwork(5);
    Node a = Node.attach(net, "alpha", "eth1");
    Node b = Node.attach(net, "bravo", "eth1");
    Node c = Node.attach(net, "charlie", "eth1");
    net.faults().partition(Set.of("alpha"), Set.of("bravo", "charlie"));
    a.medium().send(n(1));
    b.medium().send(n(2));
    net.deliverPending();
    assertThat(a.senders()).containsExactly("alpha");
    assertThat(b.senders()).containsExactly("bravo");
    assertThat(c.senders()).containsExactly("bravo");

    net.faults().heal();
    a.medium().send(n(3));
    net.deliverPending();
    assertThat(b.numbers()).containsExactly(2, 3);
    assertThat(c.numbers()).containsExactly(2, 3);
  }

  @Test
  void oneDirectionalBlockIsAsymmetric() {
    InMemoryNetwork net = new InMemoryNetwork(5);
    Node a = Node.attach(net, "alpha", "eth1");
    Node b = Node.attach(net, "bravo", "eth1");
    net.faults().block("alpha", "bravo");
    a.medium().send(n(1));
    b.medium().send(n(2));
    net.deliverPending();
    assertThat(b.senders()).containsExactly("bravo");
    assertThat(a.senders()).containsExactly("alpha", "bravo");
  }

  @Test
  void cutLinkSilencesOneMediumOfOneNode() {
    InMemoryNetwork net = new InMemoryNetwork(5);
    Node a1 = Node.attach(net, "alpha", "eth1");
    Node a0 = Node.attach(net, "alpha", "eth0");
    Node b1 = Node.attach(net, "bravo", "eth1");
    Node b0 = Node.attach(net, "bravo", "eth0");
    net.faults().cut("alpha", "eth1");
    a1.medium().send(n(1));
    a0.medium().send(n(2));
    b1.medium().send(n(3));
    net.deliverPending();
    assertThat(b1.numbers()).containsExactly(3);
    assertThat(b0.numbers()).containsExactly(2);
    assertThat(a1.numbers()).containsExactly(1);
  }

  @Test
  void duplicatesAreDeliveredTwice() {
    InMemoryNetwork net = new InMemoryNetwork(9);
    net.faults().duplicate(1.0);
    Node a = Node.attach(net, "alpha", "eth1");
    Node b = Node.attach(net, "bravo", "eth1");
    a.medium().send(n(1));
    net.deliverPending();
    assertThat(b.numbers()).containsExactly(1, 1);
    assertThat(a.numbers()).as("loop-back not duplicated").containsExactly(1);

    net.faults().duplicate(0.5);
    for (int i = 0; i < 1_000; i++) {
      a.medium().send(n(i));
    }
    net.deliverPending();
    assertThat(b.inbox().size() - 2).isBetween(1_400, 1_600);
  }

  @Test
  void randomDelayReordersButDeliversEverythingOnTicks() {
    InMemoryNetwork net = new InMemoryNetwork(3);
    net.faults().delay(0, 5);
    Node a = Node.attach(net, "alpha", "eth1");
    Node b = Node.attach(net, "bravo", "eth1");
    List<Integer> sent = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      a.medium().send(n(i));
      sent.add(i);
    }
    net.deliverPending();
    assertThat(b.inbox()).hasSizeLessThan(100);
    for (int t = 0; t < 5; t++) {
      net.tick();
    }
    assertThat(net.pending()).isZero();
    assertThat(net.now()).isEqualTo(5);
    assertThat(b.numbers()).containsExactlyInAnyOrderElementsOf(sent).isNotEqualTo(sent);
    assertThat(b.inbox()).extracting(Packet::receivedNanos).containsOnly(0L);
  }

  @Test
  void closedMediaNeitherSendNorReceive() {
    InMemoryNetwork net = new InMemoryNetwork();
    Node a = Node.attach(net, "alpha", "eth1");
    Node b = Node.attach(net, "bravo", "eth1");
    b.medium().close();
    a.medium().send(n(1));
    b.medium().send(n(2));
    assertThat(b.inbox()).isEmpty();
    assertThat(a.numbers()).containsExactly(1);
    assertThat(b.medium().stats().sendErrors()).isEqualTo(1);
  }

  @Test
  void rejectsNonsenseProbabilities() {
    InMemoryNetwork net = new InMemoryNetwork(1);
    assertThatThrownBy(() -> net.faults().drop(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> net.faults().delay(3, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
