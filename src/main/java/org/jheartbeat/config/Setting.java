package org.jheartbeat.config;

/**
 * One applied value of a directive: {@code text} as written (for {@code hbparameter} and the
 * dump), {@code value} as parsed, and the line it came from (for errors found later).
 */
public record Setting(Directive directive, String text, Object value, int line) {
  public String name() {
    return directive.name();
  }
}
