package org.jheartbeat.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.jheartbeat.config.ConfigLoader;
import org.jheartbeat.config.ConfigPaths;
import org.jheartbeat.config.ConfigReport;
import org.jheartbeat.config.HaCf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaTest {
  @TempDir
  Path dir;

  @Test
  void buildsOneMediumPerSpecInOrderThenThePingNodesAndSkipsSerial() throws Exception {
    Files.writeString(dir.resolve("ha.cf"), String.join("\n",
        "keepalive 1", "deadtime 10", "warntime 5", "initdead 20", "udpport 694",
        "bcast eth1 eth2",
        "serial /dev/ttyS0",
        "ucast eth0 10.0.0.2",
        "mcast eth0 239.77.0.1 696 1 0",
        "ping 10.0.0.254",
        "ping_group routers 10.0.0.1 10.0.0.3",
        "node alpha", "node bravo", ""));
    Path keys = dir.resolve("authkeys");
    Files.writeString(keys, "auth 1\n1 sha1 secret\n");
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(dir.resolve("haresources"), "");
    ConfigReport report = ConfigLoader.load(ConfigPaths.of(dir), "alpha");
    assertThat(report.config()).as("%s", report.problems()).isPresent();
    HaCf cf = report.config().get().haCf();

    List<Medium> media = Media.of(cf, new UdpReceivers());

    assertThat(media).extracting(Medium::type)
        .containsExactly("bcast", "bcast", "ucast", "mcast", "ping", "ping_group");
    assertThat(media).extracting(Medium::name)
        .containsExactly("eth1", "eth2", "eth0", "eth0", "10.0.0.254", "routers");
    assertThat(media.get(0)).isInstanceOf(BcastMedium.class);
    assertThat(media.get(5)).isInstanceOf(PingMedium.class);
    assertThat(media).allSatisfy(m -> assertThat(m.stats()).isEqualTo(MediumStats.ZERO));
  }
}
