package org.jheartbeat.config;

/** How bad a configuration problem is: errors refuse the configuration, warnings only inform. */
public enum Severity {
  ERROR,
  WARNING
}
