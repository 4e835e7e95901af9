package org.jheartbeat.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The regression corpus: every input the fuzzer ever failed on, kept in {@code
 * src/test/resources/fuzz-corpus/<target>/} under a name that says what went wrong, and run
 * again under all the oracles of its target. Add a file here (from {@code target/fuzz-failures/})
 * with the fix of every failure.
 */
class FuzzCorpusTest {
  static final Path CORPUS = ConfigCorpus.RESOURCES.resolve("fuzz-corpus");

  private static FuzzTargets targets;

  @BeforeAll
  static void corpus() {
    targets = new FuzzTargets();
  }

  @AfterAll
  static void scratch() {
    targets.close();
  }

  static Stream<String> targetsWithFiles() {
    return FuzzTargets.NAMES.stream().filter(t -> Files.isDirectory(CORPUS.resolve(t)));
  }

  @Test
  void everyDirectoryIsATarget() throws IOException {
    try (Stream<Path> dirs = Files.list(CORPUS)) {
      assertThat(dirs.map(p -> p.getFileName().toString())).isSubsetOf(FuzzTargets.NAMES).isNotEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targetsWithFiles")
  void regressionFilesPass(String name) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(CORPUS.resolve(name))) {
      files = s.sorted().toList();
    }
    assertThat(files).isNotEmpty();
    FuzzReport report = new FuzzRunner().replay(targets.get(name), files);
    System.out.println(report.summary());
    assertThat(report.cases()).isEqualTo(files.size());
  }
}
