package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Heartbeat's status text rule, spec membership §4.3. */
class StatusTextTest {
  @ParameterizedTest(name = "[{0}] -> running={1}")
  @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
      Running OK                          | true
      running                             | true
      OK                                  | true
      INFO: IPaddr Running OK             | true
      httpd (pid 42) is running...        | true
      is not running                      | false
      NOT Running                         | false
      httpd is not currently running      | false
      stopped                             | false
      INFO:  Resource is stopped          | false
      ''                                  | false
      RUNNING                             | false
      ok                                  | false
      notrunning                          | true
      """)
  void judgesOnlyTheText(String stdout, boolean running) {
    assertThat(StatusText.saysRunning(stdout)).isEqualTo(running);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      line one\\nis not \\nrunning | false
      is not\\nrunning         | true
      header\\nRunning OK         | true
      """)
  void globsMatchAcrossLines(String stdout, boolean running) {
    assertThat(StatusText.saysRunning(stdout.replace("\\n", "\n"))).isEqualTo(running);
  }
}
