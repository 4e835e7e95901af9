package org.jheartbeat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jheartbeat.api.ClusterView;
import org.jheartbeat.api.StatusJson;
import org.jheartbeat.api.StatusReport;
import org.junit.jupiter.api.Test;

class StatusTableTest {
  private static StatusReport report(StatusReport.Fencing fencing) {
    return new StatusReport("n2", "v", "active", 1,
        List.of(new ClusterView.Node("n1", "normal", "dead", List.of()),
            new ClusterView.Node("n2", "normal", "active", List.of())),
        new StatusReport.Resources("off", "stable", "none", List.of(
            new StatusReport.Group("IPaddr::10.0.0.10", "n1", "stopped", "", "", ""))),
        List.of(), fencing);
  }

  @Test
  void aBlockedTakeoverIsShownWithItsFailures() {
    String text = StatusTable.render(report(new StatusReport.Fencing(
        List.of(new StatusReport.Fence("n1", "failed", 3, "2026-12-02T10:00:00Z")), "ping_quorum: reach 1/1")));
    assertThat(text).contains("Split brain: ping_quorum: reach 1/1\n")
        .containsPattern("Fenced node +STONITH +Failures +Since\n")
        .containsPattern("n1 +failed +3 +2026-12-02T10:00:00Z\n");
  }

  @Test
  void nothingAboutFencingWhenThereIsNone() {
    assertThat(StatusTable.render(report(StatusReport.Fencing.NONE))).doesNotContain("Fenced").doesNotContain("Split brain");
  }

  @Test
  void fencingSurvivesJsonAndOldReportsWithoutItRead() throws Exception {
    StatusReport r = report(new StatusReport.Fencing(List.of(new StatusReport.Fence("n1", "done", 0, "t")), ""));
    assertThat(StatusJson.read(StatusJson.write(r))).isEqualTo(r);
    String old = StatusJson.write(r).replaceAll(",\"fencing\":\\{.*\\}\\}$", "}");
    assertThat(old).doesNotContain("fencing");
    assertThat(StatusJson.read(old).fencing()).isEqualTo(StatusReport.Fencing.NONE);
  }
}
