package org.jheartbeat.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by the fuzzer: a ucast read before a later udpport keeps the earlier port, but the dump
 * printed udpport first and every medium after it, so the dump read back moved that medium to
 * the later port. Such files are now dumped with udpport and the media in file order.
 */
class ConfigDumpReadBackTest {
  private static final String HA_CF = "node alpha\nnode bravo\nucast eth0 10.0.0.1\nudpport 7694\nucast eth0 10.0.0.2\n"
      + "mcast eth1 239.0.0.42 6942 1 0\n";

  @TempDir Path tmp;

  @Test
  void mediaKeepTheirPortsThroughTheDump() {
    ClusterConfig first = TestConfigs.load(tmp.resolve("first"), HA_CF).config().orElseThrow();
    String dump = ConfigDump.render(first);
    String haCf = dump.substring(dump.indexOf("## ha.cf\n"), dump.indexOf("\n## authkeys\n"));
    assertThat(haCf).containsSubsequence("ucast eth0 10.0.0.1", "udpport 7694", "ucast eth0 10.0.0.2");

    ClusterConfig again = TestConfigs.load(tmp.resolve("again"), haCf).config().orElseThrow();
    assertThat(again.haCf().media()).containsExactlyInAnyOrderElementsOf(first.haCf().media());
    assertThat(first.haCf().media()).contains(new MediumSpec.Ucast("eth0", "10.0.0.1", 694),
        new MediumSpec.Ucast("eth0", "10.0.0.2", 7694));
  }
}
