package org.jheartbeat.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slowloris: clients that never finish their headers hold the API only for the request time limit. */
class SlowClientTest {
  @Test
  void clientsThatNeverFinishTheirHeadersAreDroppedAndTheApiAnswersAgain() throws Exception {
    HttpApi api = ReadOnlyBackend.startOnLoopback();
    List<Socket> slow = new ArrayList<>();
    try {
      // more than the two workers and enough to reach the dispatcher through the queue policy
      for (int i = 0; i < 6; i++) {
        Socket s = new Socket("127.0.0.1", api.address().getPort());
        s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
        slow.add(s);
      }
      long t0 = System.nanoTime();
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + api.address().getPort() + "/metrics"))
          .timeout(Duration.ofSeconds(RequestTimeLimit.SECONDS * 4L)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(RequestTimeLimit.SECONDS * 3L));
    } finally {
      for (Socket s : slow) {
        closeQuietly(s);
      }
      api.close();
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // the server may have closed it already
    }
  }
}
