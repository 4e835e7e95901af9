package org.jheartbeat.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the demo's client tells which node answered. */
class WebProbeTest {
  @Test
  void theNodeHeaderWinsThenTheTitleAndOnlyA200Counts() {
    assertThat(WebProbe.nodeOf("HTTP/1.1 200 OK\r\nX-Jheartbeat-Node: demo2\r\n\r\n<title>other</title>"))
        .contains("demo2");
    assertThat(WebProbe.nodeOf("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html><title>demo1</title>"))
        .contains("demo1");
    assertThat(WebProbe.nodeOf("HTTP/1.1 503 Service Unavailable\r\nX-Jheartbeat-Node: demo2\r\n\r\n")).isEmpty();
    assertThat(WebProbe.nodeOf("")).isEmpty();
    assertThat(WebProbe.nodeOf("HTTP/1.1 200 OK\r\n\r\nno title")).isEmpty();
  }
}
