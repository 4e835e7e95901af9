package org.jheartbeat.stability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and memory of one process from {@code /proc/PID/stat} (utime + stime, in clock ticks
 * of 1/100 s, the Linux USER_HZ) and {@code /proc/PID/status} (VmRSS, VmHWM in KiB). Two samples
 * give the share of one core used in between.
 */
record ProcStats(long pid, long cpuTicks, long rssKib, long hwmKib, long sampledNanos) {
  /** Linux reports utime/stime in USER_HZ, which is 100 on every architecture jheartbeat targets. */
  static final int TICKS_PER_SECOND = 100;

  static ProcStats of(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
      return new ProcStats(pid, ticks, kib(status, "VmRSS:"), kib(status, "VmHWM:"), System.nanoTime());
    } catch (IOException e) {
      throw new UncheckedIOException("process " + pid + " is gone", e);
    }
  }

  private static long kib(String status, String key) {
    return status.lines().filter(l -> l.startsWith(key)).findFirst()
        .map(l -> Long.parseLong(l.substring(key.length()).replace("kB", "").strip()))
        .orElse(0L);
  }

  /** Percent of one core used between {@code earlier} and this sample. */
  double cpuPercentSince(ProcStats earlier) {
    double seconds = (sampledNanos - earlier.sampledNanos) / 1e9;
    return seconds <= 0 ? 0 : 100.0 * (cpuTicks - earlier.cpuTicks) / TICKS_PER_SECOND / seconds;
  }

  /** The command line of a process, arguments separated by spaces. */
  static String commandLine(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ').strip();
    } catch (IOException e) {
      return "";
    }
  }
}
