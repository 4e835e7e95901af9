package org.jheartbeat.resources;

import java.util.Optional;

/**
 * A set of resource groups as {@code rsc_hold} names it (spec wire §3.3), always from the point
 * of view of one node: {@code local} = the groups whose haresources line names that node,
 * {@code foreign} = all the others. Modelled as two bits.
 */
public enum HeldSet {
  NONE(0, "none"),
  LOCAL(1, "local"),
  FOREIGN(2, "foreign"),
  ALL(3, "all");

  private final int bits;
  private final String text;

  HeldSet(int bits, String text) {
    this.bits = bits;
    this.text = text;
  }

  public String text() {
    return text;
  }

  private static HeldSet of(int bits) {
    return values()[bits & 3];
  }

  public HeldSet plus(HeldSet o) {
    return of(bits | o.bits);
  }

  public HeldSet minus(HeldSet o) {
    return of(bits & ~o.bits);
  }

  public HeldSet and(HeldSet o) {
    return of(bits & o.bits);
  }

  public boolean has(HeldSet o) {
    return (bits & o.bits) != 0;
  }

  /** The same groups seen from the other node of a two-node cluster (local and foreign swap). */
  public HeldSet seenByPeer() {
    return switch (this) {
      case LOCAL -> FOREIGN;
      case FOREIGN -> LOCAL;
      default -> this;
    };
  }

  /** Parses {@code rsc_hold}; {@code failback} is {@code foreign} (hb_standby's alias, spec §8.2). */
  public static Optional<HeldSet> parse(String s) {
    if ("failback".equals(s)) {
      return Optional.of(FOREIGN);
    }
    for (HeldSet h : values()) {
      if (h.text.equals(s)) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return text;
  }
}
