package org.jheartbeat.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jheartbeat.config.MediumSpec;
import org.jheartbeat.config.PingNode;

/**
 * A child-JVM main for {@link MediaNamespaceIT}: a JVM cannot move one thread into another
 * network namespace, so the test runs this with {@code ip netns exec NS java ...}. It opens one
 * medium, sends MESSAGE every 200 ms for SECONDS seconds, and prints {@code OPEN} once open and
 * {@code RX <medium> <source address> <text>} per received packet, then exits 0 (1 if the medium
 * does not open). Usage: {@code bcast IFACE PORT MESSAGE SECONDS} | {@code ping HOST MESSAGE
 * SECONDS} | {@code ping_group NAME HOST,HOST MESSAGE SECONDS} | {@code mcast IFACE GROUP PORT LOOP MESSAGE SECONDS}.
 */
public final class MediumProbe {
  private MediumProbe() {}

  public static void main(String[] args) throws Exception {
    Medium m;
    String message;
    int seconds;
    switch (args[0]) {
      case "bcast" -> {
        m = new BcastMedium(new MediumSpec.Bcast(args[1], Integer.parseInt(args[2])), new UdpReceivers());
        message = args[3];
        seconds = Integer.parseInt(args[4]);
      }
      case "ping" -> {
        m = new PingMedium(new PingNode(args[1], List.of(args[1]), false, 1));
        message = args[2];
        seconds = Integer.parseInt(args[3]);
      }
      case "ping_group" -> {
        m = new PingMedium(new PingNode(args[1], List.of(args[2].split(",")), true, 1));
        message = args[3];
        seconds = Integer.parseInt(args[4]);
      }
      case "mcast" -> {
        m = new McastMedium(new MediumSpec.Mcast(args[1], args[2], Integer.parseInt(args[3]), 1,
            "1".equals(args[4])));
        message = args[5];
        seconds = Integer.parseInt(args[6]);
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
    try {
      m.open(p -> System.out.println("RX " + p.medium() + " " + p.source().getAddress().getHostAddress()
          + " " + new String(p.data(), StandardCharsets.US_ASCII)));
    } catch (RuntimeException e) {
      System.out.println("FAIL " + e.getMessage());
      System.exit(1);
    }
    System.out.println("OPEN");
    CountDownLatch never = new CountDownLatch(1);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    int sent = 0;
    while (System.nanoTime() < end) {
      m.send(message.getBytes(StandardCharsets.US_ASCII));
      sent++;
      never.await(200, TimeUnit.MILLISECONDS);
    }
    // let the last replies arrive before counting
    never.await(300, TimeUnit.MILLISECONDS);
    System.out.println("SENT " + sent);
    System.out.println("STATS " + m.stats());
    m.close();
    System.exit(0);
  }
}
