package org.jheartbeat.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpEndpointTest {
  @Test
  void aBarePortBindsLoopback() throws InvalidValueException {
    assertThat(HttpEndpoint.parse("8080")).isEqualTo(new HttpEndpoint("127.0.0.1", 8080));
  }

  @Test
  void anAddressAndPortIncludingBracketedIpv6() throws InvalidValueException {
    assertThat(HttpEndpoint.parse("0.0.0.0:9100")).isEqualTo(new HttpEndpoint("0.0.0.0", 9100));
    assertThat(HttpEndpoint.parse("[::1]:80")).isEqualTo(new HttpEndpoint("::1", 80));
    assertThat(HttpEndpoint.parse("[::1]:80")).hasToString("[::1]:80");
  }

  @Test
  void badPortsAreRefused() {
    assertThatThrownBy(() -> HttpEndpoint.parse("127.0.0.1:http")).hasMessageContaining("bad port 'http'");
    assertThatThrownBy(() -> HttpEndpoint.parse("70000")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> HttpEndpoint.parse(":8080")).hasMessageContaining("[ADDRESS:]PORT");
  }
}
