package org.jheartbeat.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
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
  private final DemoRun demo = new DemoRun();

  @AfterEach
  void killLeftovers() {
    demo.killLeftovers();
  }

  @Test
  void runsAFailoverAndLeavesNothingBehind() throws Exception {
    String out = demo.run(dir, "--duration", "120");
    demo.assertStoryTold();
    assertThat(out).contains("Summary (client polling http://127.0.0.100:");
    demo.assertNothingLeft();

    int webPort = Integer.parseInt(demo.first(Pattern.compile("http://127\\.0\\.0\\.100:(\\d+)/")));
    int udpPort = Integer.parseInt(demo.first(Pattern.compile("udpport (\\d+)")));
    assertThat(refused("127.0.0.100", webPort)).as("nothing listens on the web address").isTrue();
    for (String node : List.of("127.0.0.11", "127.0.0.12")) {
      try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(node), udpPort))) {
        assertThat(s.isBound()).isTrue(); // the daemons' receive sockets are gone
      }
    }
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
