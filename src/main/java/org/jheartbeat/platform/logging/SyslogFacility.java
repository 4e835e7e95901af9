package org.jheartbeat.platform.logging;

import java.util.Locale;
import java.util.Optional;

/**
 * The syslog facilities ha.cf {@code logfacility} accepts, with their syslog.h codes ({@code LOG_DAEMON} is {@code
 * 3<<3}).
 *
 * <p>The codes are the Linux/glibc values, which are what libc's syslog(3) expects in the priority argument. The
 * ha.cf value {@code none} (syslog disabled) is not a facility; the config layer handles it before calling {@link
 * #parse(String)}.
 */
public enum SyslogFacility {
  KERN(0),
  USER(1),
  MAIL(2),
  DAEMON(3),
  AUTH(4),
  SYSLOG(5),
  LPR(6),
  NEWS(7),
  UUCP(8),
  CRON(9),
  AUTHPRIV(10),
  FTP(11),
  LOCAL0(16),
  LOCAL1(17),
  LOCAL2(18),
  LOCAL3(19),
  LOCAL4(20),
  LOCAL5(21),
  LOCAL6(22),
  LOCAL7(23);

  private final int code;

  SyslogFacility(int number) {
    this.code = number << 3;
  }

  /** The facility as syslog.h defines it: the facility number shifted left by three, ready to or with a priority. */
  public int code() {
    return code;
  }

  /** The spelling used in ha.cf, e.g. {@code local0}. */
  public String haName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The facility named {@code name} (case-insensitive, surrounding blanks ignored), or empty if unknown. */
  public static Optional<SyslogFacility> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.strip();
    for (SyslogFacility facility : values()) {
      if (facility.name().equalsIgnoreCase(wanted)) {
        return Optional.of(facility);
      }
    }
    return Optional.empty();
  }
}
