package org.jheartbeat.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqWindowTest {
  @Test
  void acceptsEachSequenceOnce() {
    SeqWindow w = new SeqWindow();
    assertThat(w.firstTime(0)).isTrue();
    assertThat(w.firstTime(0)).isFalse();
    assertThat(w.firstTime(1)).isTrue();
    assertThat(w.firstTime(1)).isFalse();
    assertThat(w.firstTime(0)).isFalse();
  }

  @Test
  void lateButUnseenSequencesInsideTheWindowCount() {
    SeqWindow w = new SeqWindow();
    w.firstTime(10);
    assertThat(w.firstTime(5)).isTrue();
    assertThat(w.firstTime(5)).isFalse();
    assertThat(w.firstTime(200)).isTrue();
    assertThat(w.firstTime(200 - 127)).isTrue();
    assertThat(w.firstTime(200 - 128)).as("older than the 128 window").isFalse();
  }

  @Test
  void aSlotIsReusedAfterTheWindowMovesOn() {
    SeqWindow w = new SeqWindow();
    w.firstTime(3);
    assertThat(w.firstTime(3 + 128)).isTrue();
    assertThat(w.firstTime(3 + 256)).isTrue();
    assertThat(w.firstTime(3 + 256)).isFalse();
  }

  @Test
  void wrapsAt16Bits() {
    SeqWindow w = new SeqWindow();
    assertThat(w.firstTime(65_534)).isTrue();
    assertThat(w.firstTime(65_535)).isTrue();
    assertThat(w.firstTime(0)).isTrue();
    assertThat(w.firstTime(65_535)).isFalse();
    assertThat(w.firstTime(1)).isTrue();
    assertThat(w.firstTime(65_534)).isFalse();
  }
}
