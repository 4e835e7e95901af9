package org.jheartbeat.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jheartbeat.config.Directive;
import org.jheartbeat.config.Directives;

/**
 * The config seeds: every configuration directory of the repository (the tutorial example, the
 * dump golden files, the broken-config corpus and the agreement cases), each with its local
 * node ({@code local-node.txt}, else alpha, as those tests load them); and a dictionary of lines
 * for the text mutator: every line of every seed file plus each ha.cf directive with its default.
 */
record ConfigCorpus(List<ConfigBundle> bundles, List<String> dictionary) {
  static final Path RESOURCES = Path.of("src/test/resources");

  static ConfigCorpus load() {
    List<Path> dirs = new ArrayList<>();
    dirs.add(Path.of("examples/tutorial"));
    for (String group : List.of("dump-golden", "broken-configs", "agreement")) {
      dirs.addAll(subdirectories(RESOURCES.resolve(group)));
    }
    List<ConfigBundle> bundles = new ArrayList<>();
    Set<String> lines = new LinkedHashSet<>();
    for (Path dir : dirs) {
      if (Files.isDirectory(dir.resolve("ha.cf"))) {
        continue; // the broken case whose ha.cf is a directory has nothing to mutate
      }
      Path localFile = dir.resolve("local-node.txt");
      String local = Files.exists(localFile) ? read(localFile, true).strip()
          : dir.endsWith("tutorial") ? "orasrv1.xlk.com" : "alpha";
      ConfigBundle b = new ConfigBundle(local, bytes(dir.resolve("ha.cf")), bytes(dir.resolve("authkeys")),
          bytes(dir.resolve("haresources")));
      bundles.add(b);
      for (byte[] file : new byte[][] {b.haCf(), b.authkeys(), b.haresources()}) {
        if (file != null) {
          lines.addAll(TextMutator.lines(file));
        }
      }
    }
    for (Directive d : Directives.all()) {
      lines.add(d.name() + " " + d.defaultText().orElse("x"));
    }
    return new ConfigCorpus(List.copyOf(bundles), List.copyOf(lines));
  }

  /** The seed files of one kind (the bundles that have such a file). */
  List<byte[]> files(ConfigFileKind kind) {
    return bundles.stream().map(b -> b.file(kind)).filter(f -> f != null).toList();
  }

  private static List<Path> subdirectories(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(Path file) {
    return Files.isRegularFile(file) ? read(file, false).getBytes(StandardCharsets.ISO_8859_1) : null;
  }

  private static String read(Path file, boolean utf8) {
    try {
      return Files.readString(file, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
