package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;

import org.jheartbeat.resources.ReportOrder.Place;
import org.jheartbeat.wire.Message;
import org.junit.jupiter.api.Test;

class ReportOrderTest {
  private final ReportOrder order = new ReportOrder();

  private Place place(String hg, String seq) {
    return order.place(Message.builder().add("t", "resource").add("hg", hg).add("seq", seq).build());
  }

  @Test
  void aMessageSentBeforeOneAlreadyAcceptedIsStale() {
    assertThat(place("5", "a")).isEqualTo(Place.IN_ORDER);
    assertThat(place("5", "c")).isEqualTo(Place.IN_ORDER);
    assertThat(place("5", "b")).isEqualTo(Place.STALE);
    assertThat(place("5", "d")).isEqualTo(Place.IN_ORDER);
  }

  @Test
  void aLaterGenerationIsANewRunOnceAndAnEarlierOneIsStale() {
    assertThat(place("5", "30")).isEqualTo(Place.IN_ORDER);
    assertThat(place("6", "2")).isEqualTo(Place.NEW_RUN);
    assertThat(place("6", "3")).isEqualTo(Place.IN_ORDER);
    assertThat(place("5", "31")).isEqualTo(Place.STALE);
  }

  @Test
  void theFirstRunHeardOfIsNoRestartAndUnstampedMessagesAreInOrder() {
    assertThat(place("9", "40")).isEqualTo(Place.IN_ORDER);
    assertThat(order.place(Message.builder().add("t", "starting").build())).isEqualTo(Place.IN_ORDER);
    assertThat(place("9", "zz")).isEqualTo(Place.IN_ORDER);
    assertThat(place("9", "3f")).isEqualTo(Place.STALE);
  }
}
