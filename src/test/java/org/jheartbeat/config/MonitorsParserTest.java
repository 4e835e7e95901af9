package org.jheartbeat.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitors file: defaults, Pacemaker times, addressing resources, and the problems reported. */
class MonitorsParserTest {
  @TempDir Path tmp;
  private Problems problems;

  private static HaResources haresources(String... lines) {
    List<ResourceGroup> groups = new java.util.ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String[] w = lines[i].split(" ");
      List<ResourceSpec> specs = new java.util.ArrayList<>();
      for (int j = 1; j < w.length; j++) {
        String[] parts = w[j].split("::");
        specs.add(new ResourceSpec(w[j], parts[0], List.of(parts).subList(1, parts.length)));
      }
      groups.add(new ResourceGroup(w[0], specs, i + 1));
    }
    return new HaResources(Path.of("haresources"), true, groups);
  }

  private Optional<Monitors> parse(String text, HaResources res) throws IOException {
    Path file = tmp.resolve("monitors");
    Files.writeString(file, text);
    problems = new Problems();
    return MonitorsParser.parse(file, Optional.of(res), problems);
  }

  @Test
  void anAbsentFileMeansNoMonitoring() {
    problems = new Problems();
    Optional<Monitors> m = MonitorsParser.parse(tmp.resolve("monitors"), Optional.of(haresources()), problems);
    assertThat(m).hasValueSatisfying(x -> {
      assertThat(x.present()).isFalse();
      assertThat(x.specs()).isEmpty();
    });
    assertThat(problems.list()).isEmpty();
  }

  @Test
  void defaultsAndPacemakerTimes() throws IOException {
    HaResources res = haresources("alpha IPaddr::10.0.0.10/24/eth0 httpd", "bravo 10.0.0.11 Filesystem::/dev/sdb1::/data");
    Monitors m = parse("""
        # comment
        httpd   # defaults
        IPaddr::10.0.0.10/24/eth0 interval=1.5 timeout=500ms on-fail=failover expire=10min
        10.0.0.11 interval=2m on-fail=ignore expire=1h
        Filesystem::/dev/sdb1::/data threshold=5 expire=0 timeout=90sec
        """, res).orElseThrow();
    assertThat(problems.list()).isEmpty();
    assertThat(m.specs()).containsExactly(
        new MonitorSpec("IPaddr::10.0.0.10/24/eth0", "httpd", 1, Duration.ofSeconds(10), Duration.ofSeconds(20),
            OnFail.RESTART, 3, Duration.ZERO, 2),
        new MonitorSpec("IPaddr::10.0.0.10/24/eth0", "IPaddr::10.0.0.10/24/eth0", 0, Duration.ofMillis(1500),
            Duration.ofMillis(500), OnFail.FAILOVER, 3, Duration.ofMinutes(10), 3),
        new MonitorSpec("10.0.0.11", "10.0.0.11", 0, Duration.ofMinutes(2), Duration.ofSeconds(20), OnFail.IGNORE, 3,
            Duration.ofHours(1), 4),
        new MonitorSpec("10.0.0.11", "Filesystem::/dev/sdb1::/data", 1, Duration.ofSeconds(10),
            Duration.ofSeconds(90), OnFail.RESTART, 5, Duration.ZERO, 5));
    assertThat(m.ofGroup("IPaddr::10.0.0.10/24/eth0")).extracting(MonitorSpec::resource)
        .containsExactly("IPaddr::10.0.0.10/24/eth0", "httpd");
    assertThat(m.specs().get(2).expires()).isTrue();
    assertThat(m.specs().get(3).expires()).isFalse();
  }

  @Test
  void aBareAddressAndItsIpaddrFormNameTheSameResource() throws IOException {
    Monitors m = parse("IPaddr::10.0.0.10\n", haresources("alpha 10.0.0.10 httpd")).orElseThrow();
    assertThat(m.specs()).singleElement().satisfies(s -> {
      assertThat(s.resource()).isEqualTo("10.0.0.10");
      assertThat(s.group()).isEqualTo("10.0.0.10");
    });
  }

  @Test
  void aResourceInTwoGroupsIsNamedWithItsGroup() throws IOException {
    HaResources res = haresources("alpha 10.0.0.10 httpd", "bravo 10.0.0.11 httpd");
    Monitors m = parse("httpd group=10.0.0.11\nhttpd group=10.0.0.10 interval=5s\n", res).orElseThrow();
    assertThat(m.specs()).extracting(MonitorSpec::group, MonitorSpec::index)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("10.0.0.11", 1),
            org.assertj.core.groups.Tuple.tuple("10.0.0.10", 1));
    assertThat(parse("10.0.0.10 group=10.0.0.11\n", res)).isEmpty();
    assertThat(problems.list()).singleElement().asString()
        .endsWith("monitors:1: resource '10.0.0.10' is not in group '10.0.0.11' (alpha 10.0.0.11 httpd)".replace(
            "alpha 10.0.0.11", "bravo 10.0.0.11"));
  }

  @Test
  void badValuesAreReportedWithFileAndLine() throws IOException {
    HaResources res = haresources("alpha 10.0.0.10 httpd");
    assertThat(parse("""
        httpd interval
        httpd timeout=ten
        httpd threshold=0
        httpd threshold=x interval=99999999h
        httpd interval=1s interval=2s
        httpd =5
        """, res)).isEmpty();
    assertThat(problems.list()).extracting(p -> p.line() + ": " + p.message()).containsExactly(
        "1: 'interval' is not option=value (options: interval, timeout, on-fail, threshold, expire, group)",
        "2: timeout 'ten' is not a time (write 10s, 500ms, 2min or 1h)",
        "3: threshold '0' is not a number from 1 to 1000000",
        "4: interval '99999999h' is too long",
        "4: threshold 'x' is not a number from 1 to 1000000",
        "5: option 'interval' is given twice",
        "6: '=5' is not option=value (options: interval, timeout, on-fail, threshold, expire, group)");
  }

  @Test
  void aThresholdWithoutRestartDrawsAWarning() throws IOException {
    Optional<Monitors> m = parse("httpd on-fail=ignore threshold=2\n", haresources("alpha 10.0.0.10 httpd"));
    assertThat(m).isPresent();
    assertThat(problems.list()).singleElement().satisfies(p -> {
      assertThat(p.isError()).isFalse();
      assertThat(p.format()).endsWith("monitors:1: warning: threshold has no effect with on-fail=ignore"
          + " (it counts restarts before a failover)");
    });
  }

  @Test
  void withoutAReadableHaresourcesOnlyTheSyntaxIsChecked() throws IOException {
    Path file = Files.writeString(tmp.resolve("monitors"), "httpd\nhttpd on-fail=never\n");
    problems = new Problems();
    assertThat(MonitorsParser.parse(file, Optional.empty(), problems)).isEmpty();
    assertThat(problems.list()).extracting(Problem::message)
        .containsExactly("on-fail 'never' is not restart, failover or ignore");
  }

  @Test
  void everyOptionHasADescription() {
    for (MonitorOption o : MonitorOption.values()) {
      assertThat(o.description()).isNotBlank();
      assertThat(MonitorOption.of(o.key())).hasValue(o);
    }
    assertThat(MonitorOption.of("retries")).isEmpty();
  }

  /**
   * Seeded random files from the syntax's own pieces plus random bytes: the parser never throws,
   * a refused file always names a line of it, and an accepted one reports no error.
   */
  @Test
  void randomFilesGetAnswersNeverCrashes() throws IOException {
    HaResources res = haresources("alpha 10.0.0.10 httpd", "bravo 10.0.0.11 httpd", "alpha Dummy::a::b");
    String[] pieces = {"httpd", "10.0.0.10", "IPaddr::10.0.0.11", "Dummy::a::b", "interval=", "timeout=", "on-fail=",
        "threshold=", "expire=", "group=", "restart", "failover", "ignore", "never", "10s", "1.5", "0", "-1", "2min",
        "999999999h", "=", "#", "\\", " ", "\t", "\u00ff", "\r", "ms", "00", "\u0000"};
    java.util.Random r = new java.util.Random(20261202);
    for (int c = 0; c < 400; c++) {
      StringBuilder text = new StringBuilder();
      int lines = 1 + r.nextInt(4);
      for (int l = 0; l < lines; l++) { // lines as written; \r pieces may split them further
        int n = r.nextInt(7);
        for (int k = 0; k < n; k++) {
          text.append(r.nextInt(10) == 0 ? String.valueOf((char) r.nextInt(256)) : pieces[r.nextInt(pieces.length)]);
          if (r.nextBoolean()) {
            text.append(' ');
          }
        }
        text.append('\n');
      }
      String input = text.toString();
      long physical = input.lines().count(); // a lone \r ends a line too, as for the file reader
      Optional<Monitors> m = parse(input, res);
      if (m.isEmpty()) {
        assertThat(problems.list()).as("case %d: %s", c, input)
            .anySatisfy(p -> assertThat(p.isError() && p.line() >= 1 && p.line() <= physical).isTrue());
      } else {
        assertThat(problems.hasErrors()).as("case %d: %s", c, input).isFalse();
        assertThat(m.get().specs()).allSatisfy(spec -> assertThat(res.group(spec.group())).isPresent());
      }
    }
  }
}
