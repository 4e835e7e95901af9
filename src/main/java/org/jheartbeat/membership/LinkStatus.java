package org.jheartbeat.membership;

/** Status of one (node, medium) link, as {@code cl_status linkstatus} prints it (spec membership §1.3). */
public enum LinkStatus {
  UP("up"),
  DEAD("dead");

  private final String text;

  LinkStatus(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
