package org.jheartbeat.daemon;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jheartbeat.config.ResourceGroup;
import org.jheartbeat.platform.logging.HbMarkers;
import org.jheartbeat.resources.GroupActions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a node joins, its groups must not be running: a daemon that was killed (kill -9, OOM)
 * leaves its VIP and services behind, and the peer takes them over, so both would serve.
 * Heartbeat's init script only logs {@code CRITICAL: Resource X is active, and should not be!}
 * and starts anyway; jheartbeat logs the same line and then releases the group, so the node
 * joins holding nothing and the resource protocol decides afresh.
 */
final class StaleGroupSweep {
  private static final Logger log = LoggerFactory.getLogger("heartbeat");

  private StaleGroupSweep() {}

  /** Completes once every group was checked and those found running were stopped. */
  static CompletableFuture<Void> run(List<ResourceGroup> groups, GroupActions actions) {
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (ResourceGroup g : groups) {
      chain = chain.thenCompose(ignored -> status(actions, g)).thenCompose(running -> {
        if (!running) {
          return CompletableFuture.completedFuture(null);
        }
        log.error(HbMarkers.CRIT, "Resource {} is active, and should not be!", g.key());
        log.info("Releasing resource group {} left running by an earlier run before joining the cluster", g.key());
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        actions.stop(g, outcome -> {
          if (!outcome.ok()) {
            log.error(HbMarkers.CRIT, "Could not release stale resource group {}: {}", g.key(), outcome.detail());
          }
          stopped.complete(null);
        });
        return stopped;
      });
    }
    return chain;
  }

  private static CompletableFuture<Boolean> status(GroupActions actions, ResourceGroup g) {
    CompletableFuture<Boolean> running = new CompletableFuture<>();
    actions.status(g, running::complete);
    return running;
  }
}
