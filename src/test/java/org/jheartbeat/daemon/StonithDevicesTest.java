package org.jheartbeat.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.jheartbeat.config.ConfigReport;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.platform.ProcessResult;
import org.jheartbeat.resources.Fencer;
import org.jheartbeat.resources.StonithFencer;
import org.jheartbeat.testkit.AlphaBravoConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StonithDevicesTest {
  @TempDir
  Path dir;

  private HaCf haCf(String extra) throws Exception {
    ConfigReport report = AlphaBravoConfig.load(dir.resolve("etc"), extra);
    assertThat(report.errors()).isEmpty();
    return report.config().orElseThrow().haCf();
  }


  @Test
  void noDeviceMeansNoFencing() throws Exception {
    Fencer f = StonithDevices.fencer(haCf(""), dir, r -> null, Runnable::run);
    assertThat(f).isSameAs(Fencer.NO_DEVICE);
  }

  @Test
  void stonithHostLinesForThisNodeOrAnyGetAPrivateParameterFile() throws Exception {
    HaCf cf = haCf("stonith external/ipmi /etc/ha.d/ipmi.cfg\n"
        + "stonith_host bravo external/ssh bravo-only\n"
        + "stonith_host * external/jhb-netns jhb-fen- alpha=n1,bravo=n2 s3cret\n");
    List<StonithFencer.Device> devices = StonithDevices.devices(cf, dir);
    assertThat(devices).extracting(StonithFencer.Device::type).containsExactly("external/ipmi", "external/jhb-netns");
    assertThat(devices.get(0).configFile()).isEqualTo(Path.of("/etc/ha.d/ipmi.cfg"));
    Path file = devices.get(1).configFile();
    assertThat(file.getParent()).isEqualTo(dir);
    assertThat(Files.readString(file)).isEqualTo("jhb-fen- alpha=n1,bravo=n2 s3cret\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    Fencer f = StonithDevices.fencer(cf, dir, r -> java.util.concurrent.CompletableFuture.completedFuture(
        ProcessResult.notStarted(0, "")), Runnable::run);
    assertThat(f.configured()).isTrue();
    assertThat(f).hasToString("external/ipmi,external/jhb-netns");
  }

  @Test
  void theParameterFilesAreRemovedAndNothingElse() throws Exception {
    HaCf cf = haCf("stonith_host * external/ssh alpha bravo\nstonith_host alpha external/jhb-netns jhb-fen- s3cret\n");
    List<StonithFencer.Device> devices = StonithDevices.devices(cf, dir);
    Path other = Files.writeString(dir.resolve("heartbeat.pid"), "1\n");
    assertThat(devices).allSatisfy(d -> assertThat(d.configFile()).exists());
    StonithDevices.removeParameterFiles(dir);
    assertThat(devices).allSatisfy(d -> assertThat(d.configFile()).doesNotExist());
    assertThat(other).exists();
  }
}
