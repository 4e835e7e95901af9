package org.jheartbeat.cli;

import java.nio.file.Path;
import org.jheartbeat.config.ConfigPaths;
import org.jheartbeat.platform.NodeName;
import picocli.CommandLine.Option;

/**
 * The places a node uses, Heartbeat's by default so that jheartbeat can replace Heartbeat in
 * place, each overridable (tests, demos and network namespaces run several nodes on one host).
 */
public final class NodeOptions {
  @Option(names = {"-c", "--config-dir"}, paramLabel = "DIR", defaultValue = "/etc/ha.d",
      description = "Directory with ha.cf, authkeys, haresources and resource.d (default: ${DEFAULT-VALUE}).")
  Path configDir;

  @Option(names = "--node", paramLabel = "NAME",
      description = "This node's name (default: 'uname -n', as Heartbeat takes it).")
  String node;

  @Option(names = "--init-dir", paramLabel = "DIR", defaultValue = "/etc/init.d",
      description = "Second place searched for resource scripts, after resource.d (default: ${DEFAULT-VALUE}).")
  Path initDir;

  @Option(names = "--services-file", paramLabel = "FILE", defaultValue = "/etc/services",
      description = "Where the default udpport (ha-cluster/udp) is looked up (default: ${DEFAULT-VALUE}).")
  Path servicesFile;

  @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "/var/lib/heartbeat",
      description = "State: generation number, node uuid (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(names = "--run-dir", paramLabel = "DIR", defaultValue = "${env:JHEARTBEAT_RUN_DIR:-/run/heartbeat}",
      description = "Runtime files: control socket, pid file (default: ${DEFAULT-VALUE}; env JHEARTBEAT_RUN_DIR).")
  Path runDir;

  @Option(names = "--logfile", paramLabel = "FILE",
      description = "Log file, instead of ha.cf's logfile.")
  Path logFile;

  @Option(names = "--debugfile", paramLabel = "FILE",
      description = "Debug log file, instead of ha.cf's debugfile.")
  Path debugFile;

  /** These options as arguments, to hand them to a daemon started in the background. */
  java.util.List<String> asArguments() {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
        "--config-dir", configDir.toString(), "--init-dir", initDir.toString(),
        "--services-file", servicesFile.toString(), "--state-dir", stateDir.toString(),
        "--run-dir", runDir.toString(), "--node", nodeName()));
    if (logFile != null) {
      args.addAll(java.util.List.of("--logfile", logFile.toString()));
    }
    if (debugFile != null) {
      args.addAll(java.util.List.of("--debugfile", debugFile.toString()));
    }
    return args;
  }

  ConfigPaths configPaths() {
    return new ConfigPaths(configDir, initDir, servicesFile);
  }

  String nodeName() {
    return node != null ? node : NodeName.local();
  }
}
