package org.jheartbeat.daemon;

import java.time.Instant;
import org.jheartbeat.api.ClusterView;
import org.jheartbeat.api.StatusReport;
import org.jheartbeat.membership.MembershipSnapshot;
import org.jheartbeat.resources.FencingSnapshot;
import org.jheartbeat.resources.ResourceSnapshot;

/** Builds the status report from the snapshots taken on the loop. */
final class StatusReports {
  private StatusReports() {}

  static StatusReport of(ClusterView view, MembershipSnapshot membership, ResourceSnapshot resources, String version,
      java.util.List<StatusReport.Transition> transitions, FencingSnapshot fencing) {
    return new StatusReport(
        membership.localNode(),
        version,
        membership.localStatus().text(),
        membership.generation(),
        view.nodes(),
        new StatusReport.Resources(
            resources.mode().name().toLowerCase(java.util.Locale.ROOT),
            resources.state().name().toLowerCase(java.util.Locale.ROOT),
            resources.rscstatus(),
            resources.groups().stream()
                .map(g -> new StatusReport.Group(g.key(), g.preferredNode(),
                    g.state().name().toLowerCase(java.util.Locale.ROOT), g.owner(),
                    g.lastChangeMillis() > 0 ? Instant.ofEpochMilli(g.lastChangeMillis()).toString() : "",
                    g.reason()))
                .toList(),
            resources.monitors().stream()
                .map(m -> new StatusReport.Monitor(m.resource(), m.group(), m.state().text(), m.failCount(),
                    m.threshold(), m.onFail().word(), m.checks(),
                    m.lastFailureMillis() > 0 ? Instant.ofEpochMilli(m.lastFailureMillis()).toString() : "",
                    m.lastFailure()))
                .toList()),
        transitions,
        new StatusReport.Fencing(fencing.peers().stream()
            .map(p -> new StatusReport.Fence(p.node(), p.phase(), p.failures(),
                Instant.ofEpochMilli(p.sinceMillis()).toString()))
            .toList(), fencing.quorum()));
  }
}
