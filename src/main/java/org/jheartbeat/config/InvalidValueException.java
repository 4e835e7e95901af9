package org.jheartbeat.config;

/** A directive's value does not parse; the message says what is wrong in operator terms. */
public final class InvalidValueException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidValueException(String message) {
    super(message);
  }
}
