package org.jheartbeat.config;

/** Turns the text of one directive value into its typed form, or says why it cannot. */
@FunctionalInterface
public interface ValueParser {
  Object parse(String text) throws InvalidValueException;
}
