package org.jheartbeat.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the control socket, judged from the peer credentials the kernel gives for the
 * connection ({@code SO_PEERCRED}): root, the user the daemon runs as, and the group
 * {@value #GROUP}, either as the client's group or because the group database lists the user as a
 * member (the credentials carry only the primary group). This is Heartbeat's default rule for its
 * API clients ({@code apiauth anon uid=root gid=haclient}), applied to every request, the
 * read-only ones of cl_status included, as Heartbeat applies it. A refusal is logged as a WARN
 * at most once every {@value #QUIET_SECONDS} s, with the number held back, so that a local user
 * looping on the socket cannot flood the log.
 */
public final class ControlAccess {
  public static final String GROUP = "haclient";
  static final int QUIET_SECONDS = 10;
  private static final Logger log = LoggerFactory.getLogger(ControlAccess.class);

  private final String daemonUser;
  private final Function<String, List<String>> groupMembers;
  private final LongSupplier nanoTime;
  private long lastWarned;
  private boolean warnedOnce;
  private long heldBack;

  /**
   * @param groupMembers the users a group database lists as members of a group
   * @param nanoTime monotonic time, for the rate limit of the refusal log
   */
  ControlAccess(String daemonUser, Function<String, List<String>> groupMembers, LongSupplier nanoTime) {
    this.daemonUser = daemonUser;
    this.groupMembers = groupMembers;
    this.nanoTime = nanoTime;
  }

  /** The rule for this process: its own user, members from {@code /etc/group}. */
  static ControlAccess forThisProcess() {
    return new ControlAccess(System.getProperty("user.name"),
        group -> membersIn(Path.of("/etc/group"), group), System::nanoTime);
  }

  /** Whether a client running as {@code user} with primary group {@code group} may ask. */
  boolean allows(String user, String group) {
    return user.equals("root") || user.equals(daemonUser) || group.equals(GROUP)
        || groupMembers.apply(GROUP).contains(user);
  }

  /** Logs a refused client, rate-limited; called from the control thread only. */
  void refused(String user, String group) {
    long now = nanoTime.getAsLong();
    if (warnedOnce && now - lastWarned < QUIET_SECONDS * 1_000_000_000L) {
      heldBack++;
      return;
    }
    String suffix = heldBack > 0 ? " (" + heldBack + " more refusals not logged)" : "";
    warnedOnce = true;
    lastWarned = now;
    heldBack = 0;
    log.warn("control socket: refused a client running as user {} group {}: only root, {} and group {} may"
        + " use it{}", user, group, daemonUser, GROUP, suffix);
  }

  /** The reply a refused client gets. */
  static String refusalText(String user) {
    return "permission denied: user " + user + " is not root and not in group " + GROUP;
  }

  /** The members listed for {@code group} in a group file ({@code name:x:gid:user,user}). */
  static List<String> membersIn(Path groupFile, String group) {
    try (var lines = Files.lines(groupFile)) {
      return lines.map(l -> l.split(":", -1))
          .filter(f -> f.length >= 4 && f[0].equals(group))
          .flatMap(f -> Arrays.stream(f[3].split(",")))
          .map(String::strip).filter(s -> !s.isEmpty())
          .toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      return List.of();
    }
  }
}
