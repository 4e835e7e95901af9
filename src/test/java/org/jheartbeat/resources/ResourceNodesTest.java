package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.jheartbeat.config.AutoFailback;
import org.jheartbeat.config.HaResources;
import org.jheartbeat.testkit.LogCapture;
import org.junit.jupiter.api.Test;

/**
 * Beyond two nodes only the nodes that haresources lines name take part in v1 resource
 * management (ResourceManager#resourceNodes): the others send no resource message and ignore
 * everyone's deaths and returns, and the named pair runs the two-node protocol between them.
 */
class ResourceNodesTest {
  @Test
  void withTwoNodesOrFewerBothTakePartWhateverHaresourcesSays() {
    HaResources empty = new RmSim(AutoFailback.ON, List.of("a", "b"), List.of()).res;
    assertThat(ResourceManager.resourceNodes(List.of("a", "b"), empty)).containsExactlyInAnyOrder("a", "b");
    assertThat(ResourceManager.resourceNodes(List.of("a"), empty)).containsExactly("a");
  }

  @Test
  void beyondTwoNodesOnlyTheNamedNodesOfTheClusterTakePart() {
    HaResources res = new RmSim(AutoFailback.ON, List.of("a"), List.of("a IPaddr::10.0.0.10", "c Dummy::x",
        "a Dummy::y", "zz Dummy::z")).res;
    assertThat(ResourceManager.resourceNodes(List.of("a", "b", "c", "d"), res)).containsExactlyInAnyOrder("a", "c");
    assertThat(ResourceManager.resourceNodes(List.of("a", "b", "c"),
        new HaResources(Path.of("haresources"), false, List.of()))).isEmpty();
  }

  @Test
  void withAnEmptyHaresourcesNoNodeSendsAResourceMessageThroughDeathsAndPartitions() {
    List<String> nodes = List.of("n1", "n2", "n3", "n4");
    try (LogCapture logs = new LogCapture("org.jheartbeat.resources")) {
      RmSim sim = new RmSim(AutoFailback.OFF, nodes, List.of());
      nodes.forEach(sim::start);
      sim.advanceSeconds(30);
      sim.crash("n2");
      sim.advanceSeconds(15);
      sim.start("n2");
      nodes.stream().filter(n -> !n.equals("n1")).forEach(n -> sim.cut("n1", n));
      sim.advanceSeconds(15);
      sim.heal();
      sim.advanceSeconds(30);

      assertThat(sim.actions).noneMatch(a -> a.contains(": send"));
      assertThat(logs.lines()).noneMatch(l -> l.contains("Both machines own") || l.contains("Partition rule")
          || l.contains("returning after partition") || l.contains("Resources being acquired"));
      for (String n : nodes) {
        assertThat(sim.on(n, ResourceManager::rscstatus)).as(n + " rscstatus").isEqualTo("none");
      }
    }
  }

  @Test
  void theNamedPairRunsTheTwoNodeProtocolAndTheOthersStayOut() {
    List<String> nodes = List.of("n1", "n2", "n3", "n4", "n5");
    RmSim sim = new RmSim(AutoFailback.ON, nodes, List.of("n1 IPaddr::10.0.0.10", "n2 IPaddr::10.0.0.11"));
    nodes.forEach(sim::start);
    sim.advanceSeconds(40);
    assertThat(sim.owners()).containsEntry("IPaddr::10.0.0.10", List.of("n1"))
        .containsEntry("IPaddr::10.0.0.11", List.of("n2"));
    sim.crash("n3");
    sim.advanceSeconds(15);
    sim.start("n3");
    sim.advanceSeconds(20);
    sim.crash("n1");
    sim.advanceSeconds(20);
    assertThat(sim.owners()).containsEntry("IPaddr::10.0.0.10", List.of("n2"))
        .containsEntry("IPaddr::10.0.0.11", List.of("n2"));
    sim.start("n1");
    sim.advanceSeconds(40);

    assertThat(sim.owners()).as("auto_failback on").containsEntry("IPaddr::10.0.0.10", List.of("n1"))
        .containsEntry("IPaddr::10.0.0.11", List.of("n2"));
    assertThat(sim.actions).filteredOn(a -> a.contains(": send"))
        .isNotEmpty().allMatch(a -> a.contains(" n1: ") || a.contains(" n2: "), "sent by n1 or n2");
    assertThat(sim.violations()).isEmpty();
    assertThat(sim.monitorViolations).isEmpty();
  }
}
