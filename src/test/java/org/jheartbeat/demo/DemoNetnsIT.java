package org.jheartbeat.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/jheartbeat demo --netns --no-pause} (root, lighttpd, ip): the same story in
 * namespaces; afterwards no jhb-demo-* namespace, daemon, lighttpd or temporary directory is left.
 */
class DemoNetnsIT {
  @TempDir Path dir;
  private final DemoRun demo = new DemoRun();

  @AfterEach
  void killLeftovers() {
    demo.killLeftovers();
  }

  @Test
  void runsAFailoverInNamespacesAndLeavesNothingBehind() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(org.jheartbeat.testkit.Netns.usable(), "needs root and ip netns");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/lighttpd")), "needs lighttpd");
    org.junit.jupiter.api.Assumptions.assumeTrue(org.jheartbeat.testkit.Netns.list().stream().noneMatch(n -> n.startsWith("jhb-demo-")),
        "another demo's namespaces exist");
    String out = demo.run(dir, "--duration", "150", "--netns");
    demo.assertStoryTold();
    demo.assertNothingLeft();

    assertThat(org.jheartbeat.testkit.Netns.list()).noneMatch(n -> n.startsWith("jhb-demo-"));
    assertThat(out).contains("Summary (client polling http://192.168.21.100:80/");
  }
}
