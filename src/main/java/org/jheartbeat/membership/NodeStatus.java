package org.jheartbeat.membership;

import java.util.Optional;

/** A node's status as {@code st=} carries it and {@code cl_status nodestatus} prints it (spec membership §1.2). */
public enum NodeStatus {
  INIT("init"),
  UP("up"),
  ACTIVE("active"),
  DEAD("dead"),
  PING("ping");

  private final String text;

  NodeStatus(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** Alive in the sense of the retransmission and reqnodes rules: heard from and not dead. */
  public boolean alive() {
    return this == UP || this == ACTIVE || this == PING;
  }

  public static Optional<NodeStatus> fromText(String text) {
    for (NodeStatus s : values()) {
      if (s.text.equals(text)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return text;
  }
}
