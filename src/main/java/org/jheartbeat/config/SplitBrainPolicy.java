package org.jheartbeat.config;

import java.util.Arrays;
import java.util.Locale;

/**
 * ha.cf {@code split_brain_policy} (jheartbeat only): what a node does with a dead peer's groups
 * while it cannot tell a crash from a partition, and who keeps a group both sides acquired.
 *
 * <ul>
 *   <li>{@link #SETTLE_ON_HEAL} (default): a dead peer's groups are taken over (after fencing,
 *       when a device is configured); on heal the partition rule picks one owner per group.
 *   <li>{@link #PING_QUORUM}: as above, but a node that reaches none of its ping nodes takes over
 *       nothing while its peer may still reach them; when both sides said they reach none, only
 *       the node whose name sorts first takes over. Without ping nodes it is the default policy.
 * </ul>
 */
public enum SplitBrainPolicy {
  SETTLE_ON_HEAL,
  PING_QUORUM;

  /** The ha.cf word. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  static String[] words() {
    return Arrays.stream(values()).map(SplitBrainPolicy::word).toArray(String[]::new);
  }

  /** The policy in force in {@code cf} (the table default when the directive is absent). */
  public static SplitBrainPolicy of(HaCf cf) {
    String word = cf.parameter("split_brain_policy").orElse(SETTLE_ON_HEAL.word());
    return valueOf(word.toUpperCase(Locale.ROOT));
  }
}
