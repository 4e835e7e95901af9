package org.jheartbeat.config;

import java.util.List;
import java.util.Optional;

/**
 * Loads ha.cf, authkeys, haresources and the optional monitors file of one node in one pass and
 * reports every problem of all of them, so that an operator sees the whole list at once (spec membership §4).
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * Loads the configuration as the daemon does: this node must be one of the nodes.
   *
   * @param localNode this node's name as {@code uname -n} gives it (compared case-insensitively)
   */
  public static ConfigReport load(ConfigPaths paths, String localNode) {
    return load(paths, LocalNode.required(localNode));
  }

  public static ConfigReport load(ConfigPaths paths, LocalNode local) {
    Problems problems = new Problems();
    ServicesFile services = ServicesFile.read(paths.servicesFile());

    Optional<List<String>> haCfLines = ConfigFile.readLines(paths.haCf(), problems, true);
    List<Setting> settings =
        haCfLines.map(l -> HaCfParser.parse(paths.haCf(), l, problems)).orElse(List.of());
    Optional<HaCf> haCf = haCfLines.flatMap(
        l -> HaCfValidator.validate(paths.haCf(), settings, local, services, problems));

    Optional<AuthKeys> authKeys = AuthKeysParser.parse(paths.authkeys(), problems);

    Optional<List<String>> nodes = haCfLines.map(l -> settings.stream()
        .filter(s -> s.name().equals("node")).map(s -> (String) s.value()).distinct().toList());
    Optional<HaResources> haResources =
        HaResourcesParser.parse(paths.haresources(), nodes, paths.scripts(), problems);

    haResources.filter(r -> r.present() && !r.groups().isEmpty()).ifPresent(r -> settings.stream()
        .filter(s -> s.name().equals("autojoin") && !s.value().equals("none"))
        .forEach(s -> problems.error(paths.haCf(), s.line(),
            "autojoin " + s.text() + " conflicts with haresources resource management (Heartbeat refuses it too);"
                + " use 'autojoin none'")));
    haResources.filter(r -> !r.present()).ifPresent(r -> problems.warning(paths.haresources(), 0,
        "no haresources file: this node manages no resources"));

    Optional<Monitors> monitors = MonitorsParser.parse(paths.monitors(), haResources, problems);
    monitors.filter(m -> !m.specs().isEmpty()).ifPresent(m -> haCf.filter(c -> c.autoFailback() == AutoFailback.LEGACY)
        .ifPresent(c -> problems.warning(paths.monitors(), 0, "auto_failback legacy has no standby, so a failed"
            + " resource cannot be failed over: it is restarted in place even at its threshold")));

    Optional<ClusterConfig> config = problems.hasErrors() || haCf.isEmpty() || authKeys.isEmpty() || haResources.isEmpty()
        || monitors.isEmpty()
        ? Optional.empty()
        : Optional.of(new ClusterConfig(paths, haCf.get(), authKeys.get(), haResources.get(), monitors.get()));
    return new ConfigReport(config, problems.list());
  }
}
