package org.jheartbeat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/ha.cf-directives.md is what {@code jheartbeat directives} prints. After changing the
 * directive table, regenerate it: {@code bin/jheartbeat directives > docs/ha.cf-directives.md}.
 */
class DirectivesDocTest {
  @Test
  void committedReferenceMatchesTheDirectiveTable() throws Exception {
    CliRun run = CliRun.of("jheartbeat", "directives");
    assertThat(run.exitCode()).isZero();
    assertThat(Files.readString(Path.of("docs/ha.cf-directives.md"))).isEqualTo(run.out());
  }
}
