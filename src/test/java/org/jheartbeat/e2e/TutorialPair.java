package org.jheartbeat.e2e;

import java.util.List;
import org.jheartbeat.e2e.TwoNodeLab.Slot;

/**
 * The tutorial's two nodes on a {@link TwoNodeLab}, not started: orasrv1 ({@link Walkthrough#N1})
 * on slot N1 and orasrv2 on N2, the tutorial's authkeys, and the {@link Httpd} resource installed
 * on both. The harnesses that run the tutorial cluster (walkthrough, CTS, benchmarks) build it here.
 */
public record TutorialPair(ClusterNode n1, ClusterNode n2) implements AutoCloseable {
  /**
   * The tutorial's ha.cf: {@code timingLines} (keepalive … initdead), {@code bcast eth1} on port
   * 694, {@code auto_failback}, both nodes, then {@code tail} (whole lines, may be empty).
   */
  public static String haCf(String timingLines, String autoFailback, String tail) {
    return "logfile /var/log/ha-log\n"
        + timingLines
        + "udpport 694\n"
        + "bcast eth1\n"
        + "auto_failback " + autoFailback + "\n"
        + "node " + Walkthrough.N1 + "\n"
        + "node " + Walkthrough.N2 + "\n"
        + tail;
  }

  /** Creates both nodes with {@code haCf} and {@code haresources}; on a failure closes what it made. */
  public static TutorialPair create(TwoNodeLab lab, NodeKind kind1, NodeKind kind2, String haCf, String haresources) {
    ClusterNode a = null;
    ClusterNode b = null;
    try {
      a = kind1.create(lab, Slot.N1, Walkthrough.N1, haCf, Walkthrough.AUTHKEYS, haresources);
      b = kind2.create(lab, Slot.N2, Walkthrough.N2, haCf, Walkthrough.AUTHKEYS, haresources);
      Httpd.install(a);
      Httpd.install(b);
      return new TutorialPair(a, b);
    } catch (RuntimeException e) {
      for (ClusterNode n : new ClusterNode[] {b, a}) {
        if (n != null) {
          try {
            n.close();
          } catch (RuntimeException suppressed) {
            e.addSuppressed(suppressed);
          }
        }
      }
      throw e;
    }
  }

  public List<ClusterNode> nodes() {
    return List.of(n1, n2);
  }

  /** Closes orasrv2, then orasrv1 (also when the first close fails). */
  @Override
  public void close() {
    try {
      n2.close();
    } finally {
      n1.close();
    }
  }
}
