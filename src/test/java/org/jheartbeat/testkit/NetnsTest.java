package org.jheartbeat.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What Netns refuses before touching the system (the namespace work itself is in MediaNamespaceIT). */
class NetnsTest {
  @Test
  void prefixMustBeAJhbPrefix() {
    assertThatThrownBy(() -> new Netns("test-")).hasMessageContaining("jhb-");
    assertThatThrownBy(() -> new Netns("jhb-")).hasMessageContaining("jhb-");
  }
}
