package org.jheartbeat.resources;

import java.time.Duration;

/** Time limits per agent operation (HOUSE-STYLE habit 7); the process tree is killed beyond. */
public record AgentTimeouts(Duration start, Duration stop, Duration status) {
  /** start 60 s, stop 60 s, status 20 s. */
  public static final AgentTimeouts DEFAULTS =
      new AgentTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(20));

  public Duration of(AgentOperation op) {
    return switch (op) {
      case START -> start;
      case STOP -> stop;
      case STATUS -> status;
    };
  }
}
