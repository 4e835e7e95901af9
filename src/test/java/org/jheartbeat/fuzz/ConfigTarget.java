package org.jheartbeat.fuzz;

import java.util.List;
import java.util.random.RandomGenerator;
import org.jheartbeat.config.ConfigLoader;
import org.jheartbeat.config.ConfigPaths;
import org.jheartbeat.config.ConfigReport;

/**
 * ConfigLoader.load on configurations where one file (ha.cf, authkeys or haresources, per
 * target) is a mutated seed and the other two come from a seed directory: mostly the mutated
 * file's own directory, so that most cases stay close to a configuration that loads. Text-level
 * mutations mostly, byte-level sometimes, both now and then. The oracles are {@link
 * ConfigOracle}'s.
 */
final class ConfigTarget implements FuzzTarget<ConfigReport> {
  /**
   * Reading, parsing and validating three small files allocates this much at most, plus per byte:
   * every word of haresources may draw a warning that names two directories.
   */
  private static final long FIXED = 8L << 20;
  private static final long PER_BYTE = 2048;

  private final ConfigFileKind kind;
  private final List<ConfigBundle> bundles;
  private final List<byte[]> seeds;
  private final TextMutator text;
  private final ByteMutator bytes;
  private final ConfigWorkspace workspace;
  private final ConfigOracle oracle;

  ConfigTarget(ConfigFileKind kind, ConfigCorpus corpus, ConfigWorkspace workspace, ConfigWorkspace reload) {
    this.kind = kind;
    this.bundles = corpus.bundles().stream().filter(b -> b.file(kind) != null).toList();
    this.seeds = corpus.files(kind);
    this.text = new TextMutator(corpus.dictionary());
    this.bytes = new ByteMutator(corpus.dictionary().stream().limit(200).toList());
    this.workspace = workspace;
    this.oracle = new ConfigOracle(reload);
  }

  @Override
  public String name() {
    return kind.target();
  }

  @Override
  public byte[] generate(RandomGenerator r) {
    ConfigBundle base = bundles.get(r.nextInt(bundles.size()));
    byte[] seed = r.nextInt(4) == 0 ? seeds.get(r.nextInt(seeds.size())) : base.file(kind);
    byte[] mutated = switch (r.nextInt(8)) {
      case 0 -> bytes.mutate(seed, seeds, r);
      case 1 -> bytes.mutate(text.mutate(seed, seeds, r), seeds, r);
      default -> text.mutate(seed, seeds, r);
    };
    return base.with(kind, mutated).encode();
  }

  @Override
  public ConfigReport parse(byte[] input) {
    ConfigBundle bundle = ConfigBundle.decode(input);
    ConfigPaths paths = workspace.write(bundle);
    return ConfigLoader.load(paths, bundle.localNode());
  }

  @Override
  public String check(byte[] input, ConfigReport report) {
    return oracle.check(ConfigBundle.decode(input), workspace.paths(), report);
  }

  @Override
  public long allocationBound(int inputLength) {
    return FIXED + PER_BYTE * inputLength;
  }
}
