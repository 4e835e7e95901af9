package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jheartbeat.config.AutoFailback;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Decision golden files (Pacemaker cts/scheduler style): each {@code
 * src/test/resources/scenarios/<name>.txt} holds a configuration ({@code mode}, {@code nodes},
 * {@code group} lines), an event script, and after {@code --- expected} the action log the
 * simulation ({@link RmSim}: real membership engines, resource managers, fake agents, manual
 * clock) must produce: group actions ({@code n1: takegroup K}), resource messages sent ({@code
 * n2: send resource rsc_hold=all rtype=full isstable=1}), control requests and {@code check}
 * results. {@code check} also fails the test when the settled invariant is violated.
 *
 * <p>Events: {@code start N}, {@code stop N} (graceful), {@code crash N} (power off), {@code
 * cut A B}, {@code cutone A B} (only A's packets to B are lost), {@code heal}, {@code advance SECONDS}, {@code standby N SET}, {@code takeover N SET},
 * {@code fail N KEY} (starts of KEY on N fail), {@code rscstatus N}, {@code check}; fencing and
 * split brain: configuration lines {@code policy WORD} ({@code split_brain_policy}, with a ping
 * node) and {@code stonith N...} (nodes with a simulated STONITH device, which powers the target
 * off), events {@code fencefail N} / {@code fenceok N} (N's device fails / works again),
 * {@code pingcut N} / {@code pingheal N} (N loses / regains the ping node) and {@code isolate N}
 * (N loses the ping node and every peer).
 *
 * <p>After an intended behaviour change, regenerate on purpose and review the diff:
 * {@code mvn -o test -Dtest=ScenarioGoldenTest -Djheartbeat.regenerate=true}.
 */
class ScenarioGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/scenarios");
  private static final String SEPARATOR = "--- expected";

  @TestFactory
  Stream<DynamicTest> scenarios() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".txt")).sorted().toList().stream()
          .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> run(p)));
    }
  }

  private static void run(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int cut = text.indexOf(SEPARATOR);
    String script = cut < 0 ? text : text.substring(0, cut);
    List<String> expected = cut < 0 ? List.of()
        : text.substring(cut + SEPARATOR.length()).lines().filter(l -> !l.isBlank()).toList();
    List<String> violations = new ArrayList<>();
    List<String> actual = execute(script, violations);
    if (Boolean.getBoolean("jheartbeat.regenerate")) {
      Files.writeString(file, script.stripTrailing() + "\n" + SEPARATOR + "\n"
          + String.join("\n", actual) + "\n", StandardCharsets.UTF_8);
    } else {
      assertThat(actual).as(file.toString()).containsExactlyElementsOf(expected);
    }
    assertThat(violations).as("invariant violations in " + file).isEmpty();
  }

  static List<String> execute(String script, List<String> violations) {
    AutoFailback mode = AutoFailback.ON;
    List<String> nodes = List.of("n1", "n2");
    List<String> groups = new ArrayList<>();
    String policy = null;
    List<String> stonith = List.of();
    List<String[]> events = new ArrayList<>();
    for (String raw : script.lines().toList()) {
      String line = raw.replaceAll("#.*", "").trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] w = line.split("\\s+");
      switch (w[0]) {
        case "mode" -> mode = AutoFailback.valueOf(w[1].toUpperCase(java.util.Locale.ROOT));
        case "nodes" -> nodes = Arrays.asList(w).subList(1, w.length);
        case "group" -> groups.add(line.substring("group".length()).trim());
        case "policy" -> policy = w[1];
        case "stonith" -> stonith = Arrays.asList(w).subList(1, w.length);
        default -> events.add(w);
      }
    }
    RmSim sim = new RmSim(mode, nodes, groups);
    sim.policy = policy;
    sim.stonith.addAll(stonith);
    for (String[] w : events) {
      switch (w[0]) {
        case "start" -> sim.start(w[1]);
        case "stop" -> sim.stop(w[1]);
        case "crash" -> sim.crash(w[1]);
        case "cut" -> {
          sim.cut(w[1], w[2]);
          sim.actions.add(sim.stamp() + " cut " + w[1] + " " + w[2]);
        }
        case "cutone" -> {
          sim.cuts.add(w[1] + ">" + w[2]);
          sim.actions.add(sim.stamp() + " cut " + w[1] + " -> " + w[2]);
        }
        case "heal" -> {
          sim.heal();
          sim.actions.add(sim.stamp() + " heal");
        }
        case "advance" -> sim.advanceSeconds(Double.parseDouble(w[1]));
        case "standby" -> {
          ControlOutcome o = sim.on(w[1], rm -> rm.standby(w[2]));
          sim.actions.add(sim.stamp() + " " + w[1] + ": hb_standby " + w[2] + " -> " + o.exitCode()
              + " " + o.text());
        }
        case "takeover" -> {
          ControlOutcome o = sim.on(w[1], rm -> rm.takeover(w[2]));
          sim.actions.add(sim.stamp() + " " + w[1] + ": hb_takeover " + w[2] + " -> "
              + o.exitCode() + " " + o.text());
        }
        case "fail" -> sim.failing.get(w[1]).add(w[2]);
        case "fencefail" -> sim.fenceFails.add(w[1]);
        case "fenceok" -> sim.fenceFails.remove(w[1]);
        case "pingcut" -> {
          sim.actions.add(sim.stamp() + " " + w[1] + " loses the ping node");
          sim.pingCut(w[1]);
        }
        case "pingheal" -> {
          sim.actions.add(sim.stamp() + " " + w[1] + " reaches the ping node again");
          sim.pingHeal(w[1]);
        }
        case "isolate" -> {
          sim.actions.add(sim.stamp() + " isolate " + w[1]);
          sim.nodes.stream().filter(n -> !n.equals(w[1])).forEach(n -> sim.cut(w[1], n));
          sim.pingCut(w[1]);
        }
        case "rscstatus" -> sim.actions.add(sim.stamp() + " " + w[1] + ": rscstatus "
            + sim.on(w[1], ResourceManager::rscstatus));
        case "check" -> {
          List<String> v = sim.violations();
          violations.addAll(v.stream().map(x -> sim.stamp() + " " + x).toList());
          sim.actions.add(sim.stamp() + " check " + sim.owners() + (v.isEmpty() ? "" : " VIOLATED " + v));
        }
        default -> throw new IllegalArgumentException("unknown event " + String.join(" ", w));
      }
    }
    violations.addAll(sim.monitorViolations);
    return sim.actions;
  }
}
