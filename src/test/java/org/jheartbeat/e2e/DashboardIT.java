package org.jheartbeat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jheartbeat.api.StatusJson;
import org.jheartbeat.api.StatusReport;
import org.jheartbeat.e2e.TwoNodeLab.Slot;
import org.jheartbeat.testkit.Netns;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API and the dashboard on two real jheartbeat daemons in a {@link TwoNodeLab}
 * (namespaces {@code jhb-db-*}), each with {@code http_api 127.0.0.1:8080} in its own namespace.
 * node1 runs a dummy group, monitored every second (monitors file); node1 crashes (SIGKILL); node2
 * takes over. Headless Chromium, run inside node2's namespace, loads node2's dashboard before and
 * after: the dumped DOM shows the group's owner move from node1 to node2, the timeline shows
 * node1's death and the monitoring table the resource checked on node2. A screenshot of
 * the page after the failover goes to {@code target/dashboard.png} and {@code docs/dashboard.png}.
 * The API is reached inside the namespace with bash's {@code /dev/tcp} (no curl needed).
 */
class DashboardIT {
  static final String PREFIX = "jhb-db-";
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Duration T = Duration.ofSeconds(60);
  private static final String GROUP = "dbdummy";

  private static String haCf() {
    return "keepalive 1\nwarntime 3\ndeadtime 6\ninitdead 12\nudpport 694\nbcast eth1\n"
        + "auto_failback off\nnode node1\nnode node2\nhttp_api 127.0.0.1:8080\n";
  }

  @Test
  void aFailoverAppearsOnTheDashboard() throws Exception {
    assumeTrue(Netns.usable(), "needs root and iproute2");
    assumeTrue(Files.isExecutable(CHROMIUM), "needs the Debian chromium package");
    Path home = Path.of(System.getProperty("jheartbeat.home", ".")).toAbsolutePath().normalize();
    Path out = Files.createDirectories(home.resolve("target"));
    TwoNodeLab theLab = new TwoNodeLab(PREFIX, false, false, 694);
    try (TwoNodeLab lab = theLab;
        JheartbeatNode n1 = new JheartbeatNode(lab, Slot.N1, "node1", haCf(), Walkthrough.AUTHKEYS, "node1 " + GROUP + "\n");
        JheartbeatNode n2 = new JheartbeatNode(lab, Slot.N2, "node2", haCf(), Walkthrough.AUTHKEYS, "node1 " + GROUP + "\n")) {
      installDummy(n1);
      installDummy(n2);
      n1.start();
      n2.start();
      awaitGroup(lab, n2, "node1", Duration.ofSeconds(40));
      assertThat(group(status(lab, n1)).state()).isEqualTo("running");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(n1.stateDir().resolve("api-token"))))
          .isEqualTo("rw-------");

      String before = dumpDom(lab, n2);
      assertThat(before).contains("data-group=\"" + GROUP + "\" data-owner=\"node1\"");

      n1.kill9();
      awaitGroup(lab, n2, "node2", Duration.ofSeconds(30));
      StatusReport after = status(lab, n2);
      assertThat(after.transitions()).anySatisfy(t -> assertThat(t).extracting("kind", "subject", "to")
          .containsExactly("node", "node1", "dead"));
      assertThat(after.transitions()).anySatisfy(t -> assertThat(t).extracting("kind", "subject", "to")
          .containsExactly("group", GROUP, "running"));

      String dom = dumpDom(lab, n2);
      assertThat(dom).contains("data-group=\"" + GROUP + "\" data-owner=\"node2\"")
          .containsPattern("<li data-kind=\"node\">.*node1 .*dead")
          .contains("<li data-kind=\"group\">")
          .contains("<tr data-resource=\"" + GROUP + "\">");

      // The first monitor check runs an interval (1 s) after the takeover: wait for it.
      String monitorChecked = "heartbeat_monitor_checks_total\\{resource=\"" + GROUP + "\",result=\"running\"} [1-9]";
      Awaitility.await(n2.name() + " ran a monitor check").atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> Pattern.compile(monitorChecked).matcher(http(lab, n2, "GET", "/metrics", "")).find());
      String metrics = http(lab, n2, "GET", "/metrics", "");
      assertThat(metrics).contains("heartbeat_failovers_total{cause=\"dead\"} 1.0")
          .contains("heartbeat_node_up{node=\"node1\"} 0.0")
          .contains("heartbeat_resource_group_running{group=\"" + GROUP + "\"} 1.0")
          .containsPattern("heartbeat_heartbeats_received_total [1-9]")
          .containsPattern("heartbeat_agent_duration_seconds_count\\{agent=\"" + GROUP + "\",operation=\"start\"")
          .containsPattern(monitorChecked);
      assertThat(http(lab, n2, "POST", "/api/v1/standby", "set=all")).startsWith("HTTP/1.1 401");

      Path shot = out.resolve("dashboard.png");
      screenshot(lab, n2, shot);
      assertThat(Files.size(shot)).isGreaterThan(10_000);
      Files.createDirectories(home.resolve("docs"));
      Files.copy(shot, home.resolve("docs/dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(Netns.list()).noneMatch(ns -> ns.startsWith(PREFIX));
    assertThat(theLab.leftoverProcesses()).as("processes left in the lab's namespaces").isEmpty();
  }

  /**
   * {@code resource.d/dbdummy}: a state file in the node's directory, LSB words for status;
   * monitored every second.
   */
  private static void installDummy(JheartbeatNode n) throws IOException {
    Files.writeString(n.configDir().resolve("monitors"), GROUP + " interval=1s\n");
    Path state = n.dir().resolve("dummy.state");
    Path script = Files.createDirectories(n.configDir().resolve("resource.d")).resolve(GROUP);
    Files.writeString(script, "#!/bin/sh\ncase \"$1\" in\n"
        + "  start) touch " + state + " ;;\n"
        + "  stop) rm -f " + state + " ;;\n"
        + "  status) if [ -f " + state + " ]; then echo running; else echo stopped; fi ;;\n"
        + "esac\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static void awaitGroup(TwoNodeLab lab, JheartbeatNode n, String owner, Duration atMost) {
    Awaitility.await(n.name() + " sees " + GROUP + " running on " + owner).atMost(atMost)
        .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> {
          StatusReport.Group g = group(status(lab, n));
          return owner.equals(g.owner()) && (!owner.equals(n.name()) || "running".equals(g.state()));
        });
  }

  private static StatusReport.Group group(StatusReport r) {
    return r.resources().groups().stream().filter(g -> g.key().equals(GROUP)).findFirst().orElseThrow();
  }

  private static StatusReport status(TwoNodeLab lab, JheartbeatNode n) throws IOException {
    return StatusJson.read(http(lab, n, "GET", "/api/v1/status", "").split("\r\n\r\n", 2)[1]);
  }

  /** One HTTP/1.1 request to 127.0.0.1:8080 inside the node's namespace; the raw response. */
  private static String http(TwoNodeLab lab, JheartbeatNode n, String method, String path, String body) {
    String request = method + " " + path + " HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\n"
        + "Content-Type: application/x-www-form-urlencoded\\r\\nContent-Length: " + body.length() + "\\r\\n\\r\\n" + body;
    Netns.Result r = lab.net().run(lab.ns(n.slot()), Duration.ofSeconds(10), "bash", "-c",
        "exec 3<>/dev/tcp/127.0.0.1/8080 && printf '" + request + "' >&3 && cat <&3");
    return r.requireSuccess(method + " " + path).stdout();
  }

  private static String dumpDom(TwoNodeLab lab, JheartbeatNode n) throws IOException {
    return chromium(lab, n, List.of("--virtual-time-budget=4000", "--dump-dom")).stdout();
  }

  private static void screenshot(TwoNodeLab lab, JheartbeatNode n, Path file) throws IOException {
    Files.deleteIfExists(file);
    chromium(lab, n, List.of("--virtual-time-budget=4000", "--hide-scrollbars", "--window-size=1280,800",
        "--screenshot=" + file));
  }

  private static Netns.Result chromium(TwoNodeLab lab, JheartbeatNode n, List<String> what) throws IOException {
    Path profile = Files.createTempDirectory(n.dir(), "chromium-");
    List<String> argv = new java.util.ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--user-data-dir=" + profile));
    argv.addAll(what);
    argv.add("http://127.0.0.1:8080/");
    return lab.net().run(lab.ns(n.slot()), T, argv.toArray(String[]::new)).requireSuccess("chromium " + what);
  }
}
