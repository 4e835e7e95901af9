package org.jheartbeat.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DNS rebinding: an API on loopback answers only requests that name the loopback as Host. */
class LoopbackHostFilterTest {
  private HttpApi api;

  @BeforeEach
  void start() throws IOException {
    api = ReadOnlyBackend.startOnLoopback();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  /** The status line of a GET with the given Host header (raw, since HttpClient sets Host itself). */
  private String statusLine(String host) throws IOException {
    try (Socket s = new Socket("127.0.0.1", api.address().getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET /metrics HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      String reply = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      return reply.substring(0, reply.indexOf("\r\n"));
    }
  }

  @Test
  void loopbackNamesAreAnswered() throws IOException {
    int port = api.address().getPort();
    for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "127.0.0.1",
        "[::1]:" + port, "127.1.2.3:" + port}) {
      assertThat(statusLine(host)).as(host).isEqualTo("HTTP/1.1 200 OK");
    }
  }

  @Test
  void otherNamesAreRefusedAsARebindingAttempt() throws IOException {
    int port = api.address().getPort();
    for (String host : new String[] {"evil.example:" + port, "evil.example", "127.0.0.1.evil.example:" + port,
        "localhost.evil.example", "10.0.0.1:" + port, ""}) {
      assertThat(statusLine(host)).as(host).isEqualTo("HTTP/1.1 403 Forbidden");
    }
  }
}
