package org.jheartbeat.config;

import java.time.Duration;

/**
 * One line of the monitors file: which resource of which haresources group is checked, how often
 * and for how long, and what a failed check does.
 *
 * @param group the key of the group (its first resource as written in haresources)
 * @param resource the resource as written in haresources
 * @param index the resource's position in the group (0 = the group key)
 * @param interval time between the end of one check and the start of the next
 * @param timeout time limit of one check; a check that exceeds it fails
 * @param threshold with {@link OnFail#RESTART}: the fail count at which the group moves instead
 * @param expire a fail count is forgotten this long after its last failure; zero = never
 * @param line the line in the monitors file
 */
public record MonitorSpec(String group, String resource, int index, Duration interval, Duration timeout,
    OnFail onFail, int threshold, Duration expire, int line) {

  /** Whether fail counts are ever forgotten. */
  public boolean expires() {
    return !expire.isZero();
  }
}
