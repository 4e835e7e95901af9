package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jheartbeat.config.HaResources;
import org.jheartbeat.config.HaResourcesParser;
import org.jheartbeat.config.Problems;
import org.jheartbeat.config.ResourceSpec;
import org.jheartbeat.config.ScriptLookup;
import org.jheartbeat.platform.SystemProcessRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * haresources arguments go to the resource script as argv words, never through a shell: shell
 * syntax in them ({@code ;}, {@code $(...)}, backquotes, {@code |}, {@code &&}, {@code >}) arrives
 * literally and runs nothing. Each attempt would create a marker file if a shell ever saw it.
 */
class ResourceArgumentsTest {
  @TempDir Path tmp;

  private final SystemProcessRunner runner = new SystemProcessRunner();

  @AfterEach
  void close() {
    runner.close();
  }

  @Test
  void shellSyntaxInHaresourcesArgumentsReachesTheScriptLiterallyAndRunsNothing() throws Exception {
    Path resourceDir = Files.createDirectories(tmp.resolve("resource.d"));
    Path seen = tmp.resolve("argv");
    Path script = resourceDir.resolve("Echo");
    // The script itself quotes "$@": what it records is exactly what exec gave it.
    Files.writeString(script, "#!/bin/sh\nprintf '[%s]' \"$@\" >> " + seen + "\necho >> " + seen + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> attacks = List.of(
        "1.2.3.4;touch${IFS}" + marker(1),
        "$(touch${IFS}" + marker(2) + ")",
        "`touch${IFS}" + marker(3) + "`",
        "x|touch${IFS}" + marker(4),
        "x&&touch${IFS}" + marker(5),
        "x>" + marker(6));
    Path haresources = tmp.resolve("haresources");
    StringBuilder line = new StringBuilder("n1");
    attacks.forEach(a -> line.append(" Echo::").append(a).append("::second"));
    Files.writeString(haresources, line + "\n");

    Problems problems = new Problems();
    HaResources parsed = HaResourcesParser.parse(haresources, Optional.of(List.of("n1")),
        new ScriptLookup(resourceDir, tmp.resolve("init.d")), problems).orElseThrow();
    List<ResourceSpec> specs = parsed.groups().get(0).resources();
    assertThat(specs).extracting(ResourceSpec::args)
        .containsExactlyElementsOf(attacks.stream().map(a -> List.of(a, "second")).toList());

    List<String> expected = new ArrayList<>();
    for (ResourceSpec spec : specs) {
      AgentResult r = new ScriptAgent(spec, script, runner, AgentTimeouts.DEFAULTS)
          .run(AgentOperation.START).get(30, TimeUnit.SECONDS);
      assertThat(r).as(spec.text()).isEqualTo(AgentResult.SUCCESS);
      expected.add("[" + spec.args().get(0) + "][second][start]");
    }
    assertThat(Files.readAllLines(seen)).containsExactlyElementsOf(expected);
    for (int i = 1; i <= attacks.size(); i++) {
      assertThat(marker(i)).as("marker " + i + " (a shell ran the argument)").doesNotExist();
    }
  }

  private Path marker(int n) {
    return tmp.resolve("marker" + n);
  }
}
