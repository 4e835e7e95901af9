package org.jheartbeat.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/jheartbeat demo --no-pause} as a user runs it: it completes, both nodes answer
 * the client, the takeover and its outage are shown with a summary, and nothing is left: no
 * daemon, no temporary directory, no listening web or heartbeat socket.
 */
class DemoIT {
  @TempDir Path dir;
  private final List<Long> pids = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  @Test
  void runsAFailoverAndLeavesNothingBehind() throws Exception {
    Path home = Path.of(System.getProperty("jheartbeat.home", "."));
    Path output = dir.resolve("demo.out");
    Process demo = new ProcessBuilder(home.resolve("bin/jheartbeat").toString(), "demo", "--no-pause", "--duration", "120")
        .redirectErrorStream(true).redirectOutput(output.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    boolean finished = demo.waitFor(180, TimeUnit.SECONDS);
    String out = Files.readString(output, StandardCharsets.UTF_8);
    all(Pattern.compile("\\(pid (\\d+)\\)"), out).forEach(p -> pids.add(Long.parseLong(p)));
    if (!finished) {
      demo.destroy();
      demo.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(finished).as("finished within 180 s:\n" + out).isTrue();
    assertThat(demo.exitValue()).as(out).isZero();

    assertThat(out).contains("client: demo1 answers", "client: demo2 answers", "client: no answer");
    assertThat(out).containsPattern("takeover: demo2 serves \\d+ ms after the kill; client outage \\d+ ms");
    assertThat(out).contains("Summary (client polling http://127.0.0.100:");
    Matcher crash = Pattern.compile("2\\. crash demo1 +demo2 took over +outage +(\\d+) ms").matcher(out);
    assertThat(crash.find()).as(out).isTrue();
    // deadtime is 2 s: the outage is about that, certainly more than a keepalive and less than 15 s.
    assertThat(Long.parseLong(crash.group(1))).isBetween(500L, 15_000L);
    assertThat(out).containsPattern("4\\. hb_standby on demo2 +demo1 serves again +outage +\\d+ ms");

    assertThat(pids).as("daemon pids printed").hasSizeGreaterThanOrEqualTo(3);
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid " + pid + " alive").isFalse();
    }
    Path files = Path.of(first(Pattern.compile("files +(/\\S+)"), out));
    assertThat(files.getFileName().toString()).startsWith("jhb-demo-");
    assertThat(files).doesNotExist();
    assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
        .filter(c -> c.contains(files.toString()))).as("processes naming " + files).isEmpty();

    int webPort = Integer.parseInt(first(Pattern.compile("http://127\\.0\\.0\\.100:(\\d+)/"), out));
    int udpPort = Integer.parseInt(first(Pattern.compile("udpport (\\d+)"), out));
    assertThat(refused("127.0.0.100", webPort)).as("nothing listens on the web address").isTrue();
    for (String node : List.of("127.0.0.11", "127.0.0.12")) {
      try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(node), udpPort))) {
        assertThat(s.isBound()).isTrue(); // the daemons' receive sockets are gone
      }
    }
  }

  private static List<String> all(Pattern p, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static String first(Pattern p, String text) {
    Matcher m = p.matcher(text);
    assertThat(m.find()).as(p + " in\n" + text).isTrue();
    return m.group(1);
  }

  private static boolean refused(String address, int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 2_000);
      return false;
    } catch (ConnectException e) {
      return true;
    }
  }
}
