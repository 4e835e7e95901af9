package org.jheartbeat.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jheartbeat.config.ResourceGroup;
import org.jheartbeat.config.ResourceSpec;
import org.jheartbeat.resources.GroupActions;
import org.jheartbeat.testkit.LogCapture;
import org.junit.jupiter.api.Test;

class StaleGroupSweepTest {
  private static ResourceGroup group(String key) {
    return new ResourceGroup("alpha", List.of(new ResourceSpec(key, key, List.of())), 1);
  }

  /** Reports the groups named running as running, and records what it is asked. */
  private record FakeActions(Set<String> running, List<String> calls) implements GroupActions {
    @Override
    public void start(ResourceGroup g, Consumer<GroupOutcome> done) {
      calls.add("start " + g.key());
      done.accept(GroupOutcome.success());
    }

    @Override
    public void stop(ResourceGroup g, Consumer<GroupOutcome> done) {
      calls.add("stop " + g.key());
      done.accept(GroupOutcome.success());
    }

    @Override
    public void status(ResourceGroup g, Consumer<Boolean> result) {
      calls.add("status " + g.key());
      result.accept(running.contains(g.key()));
    }
  }

  @Test
  void groupsLeftRunningAreReportedAndReleasedOthersAreLeftAlone() throws Exception {
    FakeActions actions = new FakeActions(Set.of("vip"), new ArrayList<>());
    try (LogCapture logs = new LogCapture("heartbeat")) {
      StaleGroupSweep.run(List.of(group("vip"), group("db")), actions).get(5, TimeUnit.SECONDS);
      assertThat(actions.calls()).containsExactly("status vip", "stop vip", "status db");
      assertThat(logs.lines()).contains("CRIT: Resource vip is active, and should not be!");
    }
  }
}
