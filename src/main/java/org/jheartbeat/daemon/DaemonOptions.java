package org.jheartbeat.daemon;

import java.nio.file.Path;
import java.util.Optional;
import org.jheartbeat.config.ConfigPaths;

/**
 * Where one daemon finds its configuration and keeps its state, and what it calls itself:
 * Heartbeat's places by default, each overridable for tests, demos and namespaces.
 *
 * @param builtinIpaddr run IPaddr/IPaddr2 resources with jheartbeat's own address handling even
 *     where the resource scripts are installed
 * @param bindAddress for demos and tests running several nodes on one host: the address the
 *     UDP media receive on and send from, instead of the wildcard address (Heartbeat's way)
 */
public record DaemonOptions(
    ConfigPaths configPaths,
    String nodeName,
    Path stateDir,
    Path runDir,
    Optional<Path> logFile,
    Optional<Path> debugFile,
    boolean builtinIpaddr,
    Optional<String> bindAddress,
    String version) {}
