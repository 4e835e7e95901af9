package org.jheartbeat.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a resource script was found, in Heartbeat's lookup order: {@code resource.d} of the
 * configuration directory, then the init.d directory. {@code IPaddr} and {@code IPaddr2} that
 * exist in neither resolve to jheartbeat's built-in address handling.
 */
public record ScriptLocation(String script, Kind kind, Optional<Path> path) {
  /** Where the script comes from. */
  public enum Kind {
    RESOURCE_D,
    INIT_D,
    BUILTIN,
    MISSING
  }
}
