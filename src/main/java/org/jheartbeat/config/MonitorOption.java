package org.jheartbeat.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * The options of a monitors line, declared once (as {@link Directives} does for ha.cf): the name
 * written before {@code =}, the default, the Pacemaker operation attribute it corresponds to and a
 * one-line description. {@link MonitorsParser} takes its defaults and its "unknown option" hints
 * from here.
 */
public enum MonitorOption {
  INTERVAL("interval", "10s", "op monitor interval", "time between the end of one check and the start of the next"),
  TIMEOUT("timeout", "20s", "op monitor timeout", "time limit of one check; a check that exceeds it fails"),
  ON_FAIL("on-fail", "restart", "op monitor on-fail",
      "restart (in place, failover at the threshold), failover (at the first failure) or ignore (log and count)"),
  THRESHOLD("threshold", "3", "migration-threshold", "fail count at which on-fail=restart fails the group over"),
  EXPIRE("expire", "never", "failure-timeout", "a fail count is cleared this long after the last failure"),
  GROUP("group", "", "",
      "the group key (first resource of the haresources line) when the resource is in more than one group");

  private final String key;
  private final String defaultText;
  private final String pacemaker;
  private final String description;

  MonitorOption(String key, String defaultText, String pacemaker, String description) {
    this.key = key;
    this.defaultText = defaultText;
    this.pacemaker = pacemaker;
    this.description = description;
  }

  public String key() {
    return key;
  }

  /** The default as written in the file; empty when the option has none. */
  public String defaultText() {
    return defaultText;
  }

  /** The Pacemaker attribute an operator knows it as; empty when there is none. */
  public String pacemaker() {
    return pacemaker;
  }

  public String description() {
    return description;
  }

  public static Optional<MonitorOption> of(String key) {
    return Arrays.stream(values()).filter(o -> o.key.equals(key)).findFirst();
  }

  /** {@code interval, timeout, ...} for error messages. */
  public static String keys() {
    return String.join(", ", Arrays.stream(values()).map(MonitorOption::key).toList());
  }
}
