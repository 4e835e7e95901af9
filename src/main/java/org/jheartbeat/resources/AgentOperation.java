package org.jheartbeat.resources;

/**
 * The three actions Heartbeat's ResourceManager asks of a resource script, passed as the last
 * argument: {@code <script> [args…] start|stop|status} (spec membership §4.3; LSB init-script
 * actions of the same names, LSB Core "Init Script Actions").
 */
public enum AgentOperation {
  START("start"),
  STOP("stop"),
  STATUS("status");

  private final String word;

  AgentOperation(String word) {
    this.word = word;
  }

  /** The argument given to the script. */
  public String word() {
    return word;
  }
}
