package org.jheartbeat.resources;

import java.util.List;
import org.jheartbeat.config.ResourceGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code auto_failback legacy} (spec membership §5.4): at comm up every own group is requested
 * with {@code req_resource} — alone, by an {@code ip-request-resp} addressed to ourselves; with an
 * active peer, by {@code ip-request}, which the owner answers after releasing the group. A group
 * already running or already being started is never started again, so the real daemon's
 * double acquisition at initdead cannot happen here.
 */
final class LegacyRequests {
  private static final Logger log = LoggerFactory.getLogger(LegacyRequests.class);

  private final ResourceManager rm;

  LegacyRequests(ResourceManager rm) {
    this.rm = rm;
  }

  void acquireOwn() {
    acquireOwn(rm.peerStatus.values().stream().anyMatch("active"::equals));
  }

  private void acquireOwn(boolean peerActive) {
    for (ResourceGroup g : rm.res.localTo(rm.me)) {
      if (rm.runner.isRunningHere(g)) {
        continue;
      }
      if (peerActive) {
        rm.out.accept(ResourceMessages.ipRequest(g.key()));
      } else {
        rm.out.accept(ResourceMessages.ipRequestResp(rm.me, g.key(), true));
      }
    }
  }

  /** rc.d/ip-request: release the group if we own it, then answer. */
  void onIpRequest(String from, String key) {
    var g = rm.res.group(key);
    if (g.isEmpty() || rm.shuttingDown) {
      return;
    }
    if (!rm.runner.isRunningHere(g.get())) {
      rm.out.accept(ResourceMessages.ipRequestResp(from, key, false));
      return;
    }
    rm.runner.submit(List.of(new GroupRunner.Op(GroupRunner.Kind.STOP, g.get(),
        "ip-request from " + from)), () -> rm.out.accept(ResourceMessages.ipRequestResp(from, key, true)));
  }

  /** rc.d/ip-request-resp addressed to us: start the group. */
  void onIpRequestResp(String key, String weown) {
    var g = rm.res.group(key);
    if (g.isEmpty() || rm.shuttingDown) {
      return;
    }
    log.info("received ip-request-resp {} OK {}", key, weown);
    rm.runner.submit(List.of(new GroupRunner.Op(GroupRunner.Kind.START, g.get(), "ip-request-resp")),
        () -> rm.logInitial("ip-request-resp"));
  }

  /**
   * Takes over every group of {@code node} (no resource messages in legacy mode), then asks for
   * our own groups that are not running once more, from ourselves: an {@code ip-request} the
   * departed node never answered (it was shutting down, or died) would otherwise leave them
   * stopped for good.
   */
  void machDown(String node) {
    rm.machDown(node, () -> {
      rm.logInitial("status");
      if (!rm.shuttingDown) {
        acquireOwn(false);
      }
    });
  }
}
