package org.jheartbeat.config;

import java.util.List;

/** Typed values of the whole-line ha.cf directives, before the validator binds them together. */
public final class LineValues {
  private LineValues() {}

  /** {@code ucast IFACE PEER}; the port is bound later from the udpport in force at that line. */
  public record UcastTarget(String iface, String peer) {}

  /** {@code ping_group NAME HOST...}: one ping node that is up while any of its hosts answers. */
  public record PingGroup(String name, List<String> hosts) {}

  /** {@code respawn USER /path [args]} and {@code failfast …}: a client program kept running. */
  public record Respawn(String user, String program, List<String> args) {}

  /** {@code apiauth CLIENT [uid=a,b] [gid=c,d]}: who may sign on to the API as CLIENT. */
  public record ApiAuth(String client, List<String> uids, List<String> gids) {}

  /** {@code stonith TYPE CONFIGFILE}. */
  public record Stonith(String type, String configFile) {}

  /** {@code stonith_host HOST|* TYPE PARAMS...}; params are never logged (they hold passwords). */
  public record StonithHost(String host, String type, List<String> params) {
    @Override
    public String toString() {
      return "StonithHost[host=" + host + ", type=" + type + ", params=<" + params.size() + ">]";
    }
  }

  /** {@code env NAME=value}: exported as HA_NAME to respawned clients. */
  public record EnvVar(String name, String value) {}
}
