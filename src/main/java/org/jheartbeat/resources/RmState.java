package org.jheartbeat.resources;

import java.util.EnumSet;
import java.util.Set;

/**
 * The nice_failback resource state of a node (Heartbeat's HB_R_*; spec membership §5.3):
 * {@code INIT → STARTING|BOTHSTARTING → RSCRCVD → STABLE → SHUTDOWN}. {@link #canGo} lists the
 * explicit transitions; anything else is a bug.
 */
public enum RmState {
  INIT,
  STARTING,
  BOTHSTARTING,
  RSCRCVD,
  STABLE,
  SHUTDOWN;

  public Set<RmState> next() {
    return switch (this) {
      case INIT -> EnumSet.of(STARTING, STABLE, SHUTDOWN);
      case STARTING -> EnumSet.of(BOTHSTARTING, RSCRCVD, STABLE, SHUTDOWN);
      case BOTHSTARTING -> EnumSet.of(RSCRCVD, STABLE, SHUTDOWN);
      case RSCRCVD -> EnumSet.of(STABLE, SHUTDOWN);
      case STABLE -> EnumSet.of(SHUTDOWN);
      case SHUTDOWN -> EnumSet.noneOf(RmState.class);
    };
  }

  public boolean canGo(RmState to) {
    return next().contains(to);
  }

  /** Not yet through the start-up exchange. */
  public boolean starting() {
    return this == STARTING || this == BOTHSTARTING;
  }
}
