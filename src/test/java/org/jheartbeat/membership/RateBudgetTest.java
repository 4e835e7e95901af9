package org.jheartbeat.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.jheartbeat.testkit.ManualClock;
import org.junit.jupiter.api.Test;

class RateBudgetTest {
  private final ManualClock clock = new ManualClock();

  @Test
  void aFullBucketAllowsTheBurstThenOnePerInterval() {
    RateBudget b = new RateBudget(clock, 3, Duration.ofMillis(100));
    assertThat(takes(b, 10)).isEqualTo(3);
    clock.advance(Duration.ofMillis(99));
    assertThat(b.tryTake()).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(b.tryTake()).isTrue();
    assertThat(b.tryTake()).isFalse();
  }

  @Test
  void idleTimeRefillsNoMoreThanTheBurst() {
    RateBudget b = new RateBudget(clock, 3, Duration.ofMillis(100));
    takes(b, 3);
    clock.advance(Duration.ofSeconds(60));
    assertThat(takes(b, 10)).isEqualTo(3);
  }

  @Test
  void refusesAnEmptyBucket() {
    assertThatThrownBy(() -> new RateBudget(clock, 0, Duration.ofMillis(100))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateBudget(clock, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  private static int takes(RateBudget b, int tries) {
    int n = 0;
    for (int i = 0; i < tries; i++) {
      n += b.tryTake() ? 1 : 0;
    }
    return n;
  }
}
