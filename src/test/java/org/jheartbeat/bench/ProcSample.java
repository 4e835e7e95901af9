package org.jheartbeat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One process as {@code /proc} shows it at one moment: its name, CPU time in clock ticks
 * ({@code utime + stime + cutime + cstime} of {@code /proc/PID/stat}: children it reaped count, as
 * Heartbeat's forked helpers do), resident set ({@code VmRSS} of {@code status}) and proportional
 * set ({@code Pss} of {@code smaps_rollup}, shared pages divided among their users), both in kB.
 */
public record ProcSample(long pid, String comm, long cpuTicks, long rssKb, long pssKb) {
  /** Reads the process; empty when it is gone (or was never there). */
  public static Optional<ProcSample> read(long pid) {
    Path dir = Path.of("/proc", Long.toString(pid));
    try {
      String stat = Files.readString(dir.resolve("stat"));
      String status = Files.readString(dir.resolve("status"));
      String rollup = Files.exists(dir.resolve("smaps_rollup")) ? Files.readString(dir.resolve("smaps_rollup")) : "";
      return Optional.of(new ProcSample(pid, comm(stat), cpuTicks(stat), kb(status, "VmRSS:"), kb(rollup, "Pss:")));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The command name between the parentheses of a {@code stat} line (it may itself hold spaces and ')'). */
  static String comm(String stat) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc/PID/stat line: " + stat);
    }
    return stat.substring(open + 1, close);
  }

  /** utime + stime + cutime + cstime: fields 14 to 17 of {@code stat}, counted after the command name. */
  static long cpuTicks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // f[0] is field 3 (state), so field N is f[N - 3]
    if (f.length < 15) {
      throw new IllegalArgumentException("short /proc/PID/stat line: " + stat);
    }
    return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
  }

  /** The kB figure of a {@code Key:   1234 kB} line; 0 when the key is absent (a kernel thread, a zombie). */
  static long kb(String text, String key) {
    for (String line : text.lines().toList()) {
      if (line.startsWith(key)) {
        String[] f = line.substring(key.length()).trim().split("\\s+");
        return Long.parseLong(f[0]);
      }
    }
    return 0;
  }
}
