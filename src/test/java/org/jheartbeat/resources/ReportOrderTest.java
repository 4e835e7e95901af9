package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;

import org.jheartbeat.wire.Message;
import org.junit.jupiter.api.Test;

class ReportOrderTest {
  private final ReportOrder order = new ReportOrder();

  private boolean stale(String hg, String seq) {
    return order.stale(Message.builder().add("t", "resource").add("hg", hg).add("seq", seq).build());
  }

  @Test
  void aMessageSentBeforeOneAlreadyAcceptedFromTheSameRunIsStale() {
    assertThat(stale("5", "a")).isFalse();
    assertThat(stale("5", "c")).isFalse();
    assertThat(stale("5", "b")).isTrue();
    assertThat(stale("5", "d")).isFalse();
  }

  @Test
  void aLaterRunIsNeverStaleAndAnEarlierOneAlways() {
    assertThat(stale("5", "30")).isFalse();
    assertThat(stale("6", "2")).isFalse();
    assertThat(stale("5", "31")).isTrue();
    assertThat(stale("6", "3")).isFalse();
  }

  @Test
  void unstampedMessagesAreInOrderAndDoNotMoveTheMark() {
    assertThat(stale("9", "40")).isFalse();
    assertThat(order.stale(Message.builder().add("t", "starting").build())).isFalse();
    assertThat(stale("9", "zz")).isFalse();
    assertThat(stale("9", "3f")).isTrue();
  }
}
