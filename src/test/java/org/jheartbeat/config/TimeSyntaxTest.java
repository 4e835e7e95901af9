package org.jheartbeat.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeSyntaxTest {

  @ParameterizedTest(name = "''{0}'' = {1} ms")
  @CsvSource(delimiter = '|', value = {
      "15        | 15000",
      "0         | 0",
      "1.5       | 1500",
      "0.5       | 500",
      ".5        | 500",
      "2.        | 2000",
      "1.0005    | 1001",
      "1.0004    | 1000",
      "500ms     | 500",
      "1.5ms     | 2",
      "1.4ms     | 1",
      "2500us    | 3",
      "2500usec  | 3",
      "499us     | 0",
      "500us     | 1",
      "1500us    | 2",
      "'500 ms'  | 500",
      "'500\tms' | 500",
      "'2 us'    | 0",
      "' 7 '     | 7000",
      "2147483647ms | 2147483647",
  })
  void parses(String text, long millis) throws InvalidValueException {
    assertThat(TimeSyntax.parseMillis(text)).isEqualTo(millis);
  }

  @Test
  void negativeIsRefused() {
    assertThatThrownBy(() -> TimeSyntax.parseMillis("-1"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("time '-1' is negative");
  }

  @Test
  void unknownUnitIsRefusedNamingTheUnits() {
    assertThatThrownBy(() -> TimeSyntax.parseMillis("5min"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("unknown time unit 'min' in '5min' (no unit means seconds; the units are ms, us and usec)");
    assertThatThrownBy(() -> TimeSyntax.parseMillis("5s"))
        .hasMessage("unknown time unit 's' in '5s' (no unit means seconds; the units are ms, us and usec)");
    assertThatThrownBy(() -> TimeSyntax.parseMillis("5MS"))
        .hasMessage("unknown time unit 'MS' in '5MS' (no unit means seconds; the units are ms, us and usec)");
  }

  @Test
  void garbageIsRefused() {
    for (String bad : new String[] {"", "ms", "abc", "1.2.3", "5ms5", "1e3", ".", "1,5", "0x10"}) {
      assertThatThrownBy(() -> TimeSyntax.parseMillis(bad))
          .as(bad)
          .isInstanceOf(InvalidValueException.class)
          .hasMessage("'" + bad + "' is not a time (write seconds such as 15 or 1.5, or 500ms, or 2500us)");
    }
  }

  @Test
  void tooLargeIsRefused() {
    assertThatThrownBy(() -> TimeSyntax.parseMillis("2147484"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("time '2147484' is too large");
    assertThatThrownBy(() -> TimeSyntax.parseMillis("2147483648ms"))
        .hasMessage("time '2147483648ms' is too large");
    assertThatThrownBy(() -> TimeSyntax.parseMillis("99999999999999999999999"))
        .hasMessage("time '99999999999999999999999' is too large");
  }

  @Test
  void formatIsMilliseconds() {
    assertThat(TimeSyntax.format(0)).isEqualTo("0ms");
    assertThat(TimeSyntax.format(15000)).isEqualTo("15000ms");
  }
}
