package org.jheartbeat.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * ha.cf, parsed and validated: the typed values the daemon acts on, plus every applied
 * {@link Setting} in file order for {@code hbparameter} and {@code --dump}.
 *
 * @param nodes the normal nodes, lower-cased, in file order
 * @param pingNodes the ping nodes, in file order
 * @param udpPort the last udpport in force (media keep the port in force where they were read)
 * @param localNode this node's name, lower-cased
 */
public record HaCf(
    Path file,
    String localNode,
    List<String> nodes,
    List<PingNode> pingNodes,
    Timing timing,
    int udpPort,
    List<MediumSpec> media,
    AutoFailback autoFailback,
    LogSettings logging,
    Protocol protocol,
    Clients clients,
    Fencing fencing,
    List<Setting> settings) {

  public HaCf {
    nodes = List.copyOf(nodes);
    pingNodes = List.copyOf(pingNodes);
    media = List.copyOf(media);
    settings = List.copyOf(settings);
  }

  /** Protocol details of the messaging layer. */
  public record Protocol(
      String msgfmt, String hbgenmethod, String uuidfrom, int maxRexmitDelayMs, int hopfudge) {}

  /** Programs run beside the daemon and who may use its API. */
  public record Clients(
      List<LineValues.Respawn> respawn,
      List<LineValues.ApiAuth> apiauth,
      List<LineValues.EnvVar> env,
      Optional<String> watchdog) {
    public Clients {
      respawn = List.copyOf(respawn);
      apiauth = List.copyOf(apiauth);
      env = List.copyOf(env);
    }
  }

  /** STONITH configuration. */
  public record Fencing(
      Optional<LineValues.Stonith> stonith, List<LineValues.StonithHost> stonithHosts) {
    public Fencing {
      stonithHosts = List.copyOf(stonithHosts);
    }
  }

  /** Where the HTTP API listens, when {@code http_api} is set. */
  public Optional<HttpEndpoint> httpApi() {
    return HttpEndpoint.of(this);
  }

  /** The settings of one directive, in file order. */
  public List<Setting> settingsOf(String name) {
    return settings.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** Whether the directive appears in the file. */
  public boolean isSet(String name) {
    return settings.stream().anyMatch(s -> s.name().equals(name));
  }

  /**
   * What {@code cl_status hbparameter -p NAME} prints: the configured text verbatim, else the
   * computed default of derived timers, else the table default.
   */
  public Optional<String> parameter(String name) {
    List<Setting> set = settingsOf(name);
    if (!set.isEmpty()) {
      return Optional.of(set.get(set.size() - 1).text());
    }
    return switch (name) {
      case "warntime" -> Optional.of(TimeSyntax.format(timing.warntimeMs()));
      case "initdead" -> Optional.of(TimeSyntax.format(timing.initdeadMs()));
      case "deadping" -> Optional.of(TimeSyntax.format(timing.deadpingMs()));
      case "udpport" -> Optional.of(Integer.toString(udpPort));
      default -> Directives.named(name).flatMap(Directive::defaultText);
    };
  }
}
