package org.jheartbeat.config;

import java.nio.file.Path;

/**
 * Where the configuration lives: Heartbeat's {@code /etc/ha.d} (ha.cf, authkeys, haresources,
 * resource.d), the init.d directory searched for resource scripts, and {@code /etc/services}.
 */
public record ConfigPaths(Path configDir, Path initDir, Path servicesFile) {
  public static final Path DEFAULT_CONFIG_DIR = Path.of("/etc/ha.d");
  public static final Path DEFAULT_INIT_DIR = Path.of("/etc/init.d");
  public static final Path DEFAULT_SERVICES = Path.of("/etc/services");

  public static ConfigPaths of(Path configDir) {
    return new ConfigPaths(configDir, DEFAULT_INIT_DIR, DEFAULT_SERVICES);
  }

  public Path haCf() {
    return configDir.resolve("ha.cf");
  }

  public Path authkeys() {
    return configDir.resolve("authkeys");
  }

  public Path haresources() {
    return configDir.resolve("haresources");
  }

  /** jheartbeat's resource monitors (optional; see {@link MonitorsParser}). */
  public Path monitors() {
    return configDir.resolve("monitors");
  }

  public Path resourceDir() {
    return configDir.resolve("resource.d");
  }

  public ScriptLookup scripts() {
    return new ScriptLookup(resourceDir(), initDir);
  }
}
