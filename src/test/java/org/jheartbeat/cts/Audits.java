package org.jheartbeat.cts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jheartbeat.e2e.ClusterNode;
import org.jheartbeat.e2e.RealHeartbeatNode;
import org.jheartbeat.e2e.VipClient;
import org.jheartbeat.testkit.Netns;

/**
 * The checks after every test (Heartbeat CTS's audits), each returning the problems it found:
 *
 * <ul>
 *   <li>{@link #resources}: the group (VIP and lighttpd) is held by exactly the expected owner and
 *       by no other node, the client is answered by it (and by nobody else) in the last second, and
 *       this holds over three samples a second apart (a group served by two nodes or by none is what CTS calls fatal);
 *   <li>{@link #processes}: a node whose daemon is down has no process left in its namespace (the
 *       real node's namespace holder aside) and no VIP; a node whose daemon should run has a live one;
 *   <li>{@link #logs}: every {@code ERROR:} or {@code CRIT:} line both daemons wrote during the
 *       test matches the test's ignore list.
 * </ul>
 */
final class Audits {
  static final Pattern BAD_LINE = Pattern.compile("\\b(ERROR|CRIT):");
  private static final int SAMPLES = 3;
  private static final Duration SAMPLE_GAP = Duration.ofSeconds(1);
  private static final Duration CLIENT_WINDOW = Duration.ofSeconds(1);

  private Audits() {}

  static List<String> resources(CtsCluster c, ClusterNode owner) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < SAMPLES && problems.isEmpty(); i++) {
      // also before the first sample: the client's window must not reach back into the handover
      CtsTest.sleep(SAMPLE_GAP);
      for (ClusterNode n : c.nodes()) {
        boolean vip = c.vipOn(n);
        boolean httpd = CtsCluster.httpdOn(n);
        if (n == owner && !(vip && httpd)) {
          problems.add(n.name() + " should hold the group but has VIP " + vip + ", lighttpd " + httpd);
        } else if (n != owner && (vip || httpd)) {
          problems.add(n.name() + " should hold nothing but has VIP " + vip + ", lighttpd " + httpd);
        }
      }
      if (problems.isEmpty()) {
        problems.addAll(clientView(c, owner));
      }
    }
    return problems;
  }

  /**
   * The client's polls of the last {@link #CLIENT_WINDOW}: some answered by the owner and none by
   * another node (none answered at all when nobody should serve). A single poll timed out by a
   * loaded machine is no finding; the logs and the addresses are the other half of the audit.
   */
  private static List<String> clientView(CtsCluster c, ClusterNode owner) {
    List<String> answers = c.client().answers(CLIENT_WINDOW).stream().filter(VipClient.Poll::ok)
        .map(VipClient.Poll::answer).distinct().toList();
    List<String> expected = owner == null ? List.of() : List.of(owner.name());
    return answers.equals(expected) ? List.of()
        : List.of("client answered by " + answers + " in the last " + CLIENT_WINDOW.toMillis() + " ms, expected "
            + expected);
  }

  static List<String> processes(CtsCluster c) {
    List<String> problems = new ArrayList<>();
    for (ClusterNode n : c.nodes()) {
      if (c.running(n)) {
        if (!Daemons.alive(n)) {
          problems.add(n.name() + ": daemon should run but is gone");
        }
        continue;
      }
      List<Long> left = namespacePids(c, n);
      if (!left.isEmpty()) {
        problems.add(n.name() + ": processes left with the daemon down: " + describe(left));
      }
    }
    return problems;
  }

  private static List<Long> namespacePids(CtsCluster c, ClusterNode n) {
    long holder = n instanceof RealHeartbeatNode r ? r.holderPid() : -1;
    return Netns.exec(List.of("ip", "netns", "pids", c.lab().ns(n.slot())), Duration.ofSeconds(10)).stdout()
        .lines().map(String::strip).filter(s -> s.matches("\\d+")).map(Long::parseLong)
        .filter(p -> p != holder && org.jheartbeat.testkit.ProcessChecks.alive(p)).toList();
  }

  private static String describe(List<Long> pids) {
    List<String> out = new ArrayList<>();
    for (long p : pids) {
      out.add(p + ":" + ProcessHandle.of(p).flatMap(h -> h.info().command()).orElse("?"));
    }
    return String.join(", ", out);
  }

  static List<String> logs(Map<ClusterNode, LogMark> marks, List<Pattern> ignore) {
    List<String> problems = new ArrayList<>();
    marks.forEach((node, mark) -> mark.since().lines()
        .filter(l -> BAD_LINE.matcher(l).find())
        .filter(l -> ignore.stream().noneMatch(p -> p.matcher(l).find()))
        .forEach(l -> problems.add(node.name() + " logged: " + l.strip())));
    return problems;
  }
}
