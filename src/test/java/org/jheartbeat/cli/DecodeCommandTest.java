package org.jheartbeat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jheartbeat.wire.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code jheartbeat decode} on real captures and payload files. */
class DecodeCommandTest {
  @TempDir Path dir;

  private CliRun decode(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new DecodeCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int rc = cli.execute(args);
    return new CliRun(rc, out.toString(), err.toString());
  }

  private String keys(String mode, String... lines) throws IOException {
    Path file = dir.resolve("authkeys");
    Files.write(file, java.util.List.of(lines));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file.toString();
  }

  private static String vector(String name) {
    return Shared.vectors().resolve(name).toString();
  }

  @Test
  void pcapWithTheRightKeyVerifiesEveryPacket() throws IOException {
    CliRun run = decode("-k", keys("rw-------", "auth 1", "1 sha1 SpecTestKey"), vector("pcaps/cap1.pcap"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("#1 2026-", " 10.77.0.1:50728 -> 10.77.0.255:694 udp 307 bytes\n")
        .contains("\n  t=status\n  st=init\n")
        .contains("\n  (1)srcuuid=b2b9229cfa154ec3920ed99fd30cff1a (b2b9229c-fa15-4ec3-920e-d99fd30cff1a)\n")
        .contains("\n  auth: ok (index 1 sha1)\n")
        .endsWith("182 packets, 182 verified, 0 failed\n");
  }

  @Test
  void withoutKeysPacketsAreOnlyDecoded() {
    CliRun run = decode(vector("pcaps/cap11-ping-ipfail.pcap"));
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains(" -> 10.77.0.3 icmp 190 bytes\n", "  auth: not checked (no -k)\n")
        .endsWith("660 packets, 0 verified, 0 failed\n");
  }

  @Test
  void wrongKeyFailsWithTheRealDaemonsMessage() throws IOException {
    CliRun run = decode("-k", keys("rw-------", "auth 1", "1 sha1 NotTheKey"), vector("pcaps/cap1.pcap"));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("  auth: FAILED (authtoken does not match, authtoken=")
        .endsWith("182 packets, 0 verified, 182 failed\n");
  }

  @Test
  void injectedPacketsWithAWrongKeyAreReported() throws IOException {
    CliRun run = decode("-k", keys("rw-------", "auth 1", "1 sha1 SpecTestKey"), vector("pcaps/cap13-inject.pcap"));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("auth: FAILED (node [bravo] failed authentication: authtoken=")
        .endsWith("203 packets, 201 verified, 2 failed\n");
  }

  @Test
  void rawPayloadFile() throws IOException {
    String file = vector("real/md5idx2-status.bin");
    CliRun run = decode("-k", keys("rw-------", "auth 2", "2 md5 SpecMd5Key"), file);
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).startsWith(file + ": 296 bytes\n  t=status\n")
        .contains("  ld=0.01 0.15 0.12 1/112 19875\n", "  auth: ok (index 2 md5)\n")
        .endsWith("1 packets, 1 verified, 0 failed\n");
    assertThat(decode(file).out()).contains("auth: not checked (no -k)");
  }

  @Test
  void portSelectsTheUdpTraffic() {
    String ucast = vector("pcaps/cap15-ucast-netstring.pcap");
    assertThat(decode(ucast).out()).isEqualTo("0 packets, 0 verified, 0 failed\n");
    assertThat(decode("--port", "695", ucast).out()).endsWith("40 packets, 0 verified, 0 failed\n");
  }

  @Test
  void readableAuthkeysAreRefused() throws IOException {
    CliRun run = decode("-k", keys("rw-r--r--", "auth 1", "1 sha1 SpecTestKey"), vector("pcaps/cap1.pcap"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("invalid authkeys");
  }

  @Test
  void garbageIsNotAHeartbeatPacket() throws IOException {
    Path junk = Files.writeString(dir.resolve("junk"), "hello");
    CliRun run = decode(junk.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("decode FAILED (not a heartbeat packet)");
  }
}
