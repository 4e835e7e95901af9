package org.jheartbeat.transport;

/**
 * ping_group's duplicate filter (spec wire §5.6): every host of the group echoes the same
 * request, and only the first reply per ICMP sequence number counts. Remembers which of the last
 * {@link #SIZE} sequence numbers (16-bit, wrapping, RFC 1982 serial arithmetic) were seen;
 * anything older than that window is treated as already seen. Not thread-safe: one receive thread.
 */
public final class SeqWindow {
  public static final int SIZE = 128;

  private final boolean[] seen = new boolean[SIZE];
  private int highest = -1;

  /** True the first time {@code seq} is offered within the window, false for duplicates and stale numbers. */
  public boolean firstTime(int seq) {
    seq &= 0xffff;
    if (highest < 0) {
      highest = seq;
      seen[seq % SIZE] = true;
      return true;
    }
    int ahead = (short) (seq - highest);
    if (ahead > 0) {
      int clear = Math.min(ahead, SIZE);
      for (int i = 1; i <= clear; i++) {
        seen[((highest + i) & 0xffff) % SIZE] = false;
      }
      highest = seq;
      seen[seq % SIZE] = true;
      return true;
    }
    if (-ahead >= SIZE) {
      return false;
    }
    int slot = seq % SIZE;
    if (seen[slot]) {
      return false;
    }
    seen[slot] = true;
    return true;
  }
}
