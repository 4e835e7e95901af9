package org.jheartbeat.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * cl_status answers compared with what the real Heartbeat 3.0.6 cl_status printed for the same
 * cluster state (orasrv1 alone and active, orasrv2 dead, bcast eth1, recorded in a namespace).
 */
class ClStatusResponderTest {
  private static final ClusterView VIEW = new ClusterView(
      "orasrv1.xlk.com",
      List.of(
          new ClusterView.Node("orasrv1.xlk.com", "normal", "active", List.of(new ClusterView.Link("eth1", "up"))),
          new ClusterView.Node("orasrv2.xlk.com", "normal", "dead", List.of(new ClusterView.Link("eth1", "dead"))),
          new ClusterView.Node("192.168.21.254", "ping", "ping", List.of(new ClusterView.Link("192.168.21.254", "up")))),
      "transition",
      name -> Optional.ofNullable(Map.of("keepalive", "1", "warntime", "5000ms").get(name)),
      "3.0.6 (jheartbeat test)");

  private static String out(String... request) {
    return ClStatusResponder.answer(Arrays.asList(request), VIEW).lines().stream()
        .filter(l -> !l.error()).map(l -> l.text() + "\n").collect(Collectors.joining());
  }

  private static int rc(String... request) {
    return ClStatusResponder.answer(Arrays.asList(request), VIEW).exitCode();
  }

  @Test
  void hbstatus() {
    assertThat(out("hbstatus")).isEqualTo("Heartbeat is running on this machine.\n");
    assertThat(rc("hbstatus")).isZero();
  }

  @Test
  void listnodesIsTheNodeTableBackwards() {
    assertThat(out("listnodes")).isEqualTo("192.168.21.254\norasrv2.xlk.com\norasrv1.xlk.com\n");
    assertThat(out("listnodes", "-n")).isEqualTo("orasrv2.xlk.com\norasrv1.xlk.com\n");
    assertThat(out("listnodes", "-p")).isEqualTo("192.168.21.254\n");
  }

  @Test
  void verboseListingsMatchTheRealTool() {
    assertThat(out("listnodes", "-v", "-n")).isEqualTo(
        "\norasrv2.xlk.com\tdead\t(nodetype: normal)\n\teth1\tdead\n"
            + "\norasrv1.xlk.com\tactive\t(nodetype: normal)\n\teth1\tup\n");
    assertThat(out("hbstatus", "-v")).startsWith(
        "Heartbeat is running on this machine.\nversion:\t3.0.6 (jheartbeat test)\nmanaged by:\t\"haresources\"\n\n");
  }

  @Test
  void nodestatusSucceedsOnlyForLiveStatuses() {
    assertThat(out("nodestatus", "orasrv2.xlk.com")).isEqualTo("dead\n");
    assertThat(rc("nodestatus", "orasrv2.xlk.com")).isEqualTo(1);
    assertThat(rc("nodestatus", "ORASRV1.xlk.com")).isZero();
    assertThat(rc("nodestatus", "192.168.21.254")).isZero();
    assertThat(out("-m", "nodestatus", "orasrv1.xlk.com")).isEqualTo("The cluster node orasrv1.xlk.com is active\n");
    assertThat(rc("nodestatus", "nosuch")).isEqualTo(1);
  }

  @Test
  void linksAndTypes() {
    assertThat(out("listhblinks", "orasrv1.xlk.com")).isEqualTo("\teth1\n");
    assertThat(out("listhblinks", "-v", "orasrv1.xlk.com")).isEqualTo("\teth1\tup\n");
    assertThat(out("hblinkstatus", "orasrv1.xlk.com", "eth1")).isEqualTo("up\n");
    assertThat(rc("hblinkstatus", "orasrv2.xlk.com", "eth1")).isEqualTo(1);
    assertThat(rc("hblinkstatus", "orasrv2.xlk.com", "eth9")).isEqualTo(1);
    assertThat(out("nodetype", "192.168.21.254")).isEqualTo("ping\n");
    assertThat(out("nodeweight", "orasrv1.xlk.com")).isEqualTo("100\n");
  }

  @Test
  void parametersAndResources() {
    assertThat(out("hbparameter", "-p", "keepalive")).isEqualTo("1\n");
    assertThat(out("hbparameter", "-p", "warntime")).isEqualTo("5000ms\n");
    assertThat(rc("hbparameter", "-p", "nosuch")).isEqualTo(1);
    assertThat(out("rscstatus")).isEqualTo("transition\n");
  }

  @Test
  void unknownSubcommandIsParameterError() {
    assertThat(rc("frobnicate")).isEqualTo(11);
  }
}
