package org.jheartbeat.resources;

import java.util.function.Consumer;
import org.jheartbeat.config.ResourceGroup;

/**
 * What the resource manager asks of a resource group: Heartbeat's ResourceManager
 * {@code takegroup}, {@code givegroup} and {@code status} (spec membership §4.4). Each call
 * returns at once; the outcome is delivered later, on the event loop, to the callback. The
 * manager runs one action at a time, as Heartbeat does.
 */
public interface GroupActions {
  /**
   * Starts the group left to right, each resource only if its status says stopped. When a
   * resource fails to start, the whole group is stopped again before the failure is reported.
   */
  void start(ResourceGroup group, Consumer<GroupOutcome> done);

  /** Stops the group right to left; stopping a group that is not running succeeds. */
  void stop(ResourceGroup group, Consumer<GroupOutcome> done);

  /** Whether the group is running, judged, as Heartbeat does, by its first resource. */
  void status(ResourceGroup group, Consumer<Boolean> running);

  /**
   * Announces the addresses of a group that keeps running here again (gratuitous ARP), in the
   * background. Needed when another node held the group too and has just let it go (a healed
   * partition): its takeover announcements pointed the neighbours' ARP caches at it, and
   * without new announcements clients keep sending to a node that no longer has the address.
   * Group actions without addresses have nothing to announce, hence the empty default.
   */
  default void announce(ResourceGroup group) {}

  /** The result of starting or stopping a whole group. */
  record GroupOutcome(boolean ok, String detail) {
    public static GroupOutcome success() {
      return new GroupOutcome(true, "");
    }

    public static GroupOutcome failure(String detail) {
      return new GroupOutcome(false, detail);
    }
  }
}
