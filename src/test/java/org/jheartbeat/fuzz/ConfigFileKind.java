package org.jheartbeat.fuzz;

/** The three configuration files, each a config fuzz target under its own name. */
enum ConfigFileKind {
  HA_CF("hacf", "ha.cf"),
  AUTHKEYS("authkeys", "authkeys"),
  HARESOURCES("haresources", "haresources");

  private final String target;
  private final String fileName;

  ConfigFileKind(String target, String fileName) {
    this.target = target;
    this.fileName = fileName;
  }

  String target() {
    return target;
  }

  String fileName() {
    return fileName;
  }
}
