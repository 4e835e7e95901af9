package org.jheartbeat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcSampleTest {
  // a real line's shape, with a command name holding a space and a parenthesis
  private static final String STAT = "4242 (heartbeat: m)ster) S 1 4242 4242 0 -1 4194560 1200 0 3 0 "
      + "150 37 9 4 20 0 1 0 3456 41000000 3100 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

  @Test
  void cpuTicksAreUserPlusSystemTimeOfTheProcessAndOfTheChildrenItReaped() {
    assertThat(ProcSample.comm(STAT)).isEqualTo("heartbeat: m)ster");
    assertThat(ProcSample.cpuTicks(STAT)).isEqualTo(150 + 37 + 9 + 4);
  }

  @Test
  void memoryFiguresComeFromTheirKeyAndAreZeroWhenAbsent() {
    String status = "Name:\tjava\nVmPeak:\t 3000000 kB\nVmRSS:\t  123456 kB\nThreads:\t31\n";
    String rollup = "00400000-7ffd0000 ---p 00000000 00:00 0 [rollup]\nRss:  123456 kB\nPss:   98765 kB\n"
        + "Pss_Anon: 90000 kB\n";
    assertThat(ProcSample.kb(status, "VmRSS:")).isEqualTo(123456);
    assertThat(ProcSample.kb(rollup, "Pss:")).isEqualTo(98765);
    assertThat(ProcSample.kb("Name:\tkthreadd\n", "VmRSS:")).isZero();
  }

  @Test
  void somethingElseThanAStatLineIsAClearError() {
    assertThatThrownBy(() -> ProcSample.comm("no parentheses here")).hasMessageContaining("not a /proc/PID/stat");
    assertThatThrownBy(() -> ProcSample.cpuTicks("1 (x) S 1 2 3")).hasMessageContaining("short");
  }

  @Test
  void thisJvmCanBeRead() {
    ProcSample me = ProcSample.read(ProcessHandle.current().pid()).orElseThrow();
    assertThat(me.rssKb()).isPositive();
    assertThat(ProcSample.read(-1)).isEmpty();
  }
}
