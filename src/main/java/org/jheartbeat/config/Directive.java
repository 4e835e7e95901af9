package org.jheartbeat.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One ha.cf directive, declared once: parsing, validation, {@code check-config --dump},
 * {@code cl_status hbparameter}, error messages and the reference documentation all come from
 * this record (the role of Heartbeat's {@code Directives[]} table).
 *
 * @param name the keyword as written in ha.cf
 * @param form how the rest of the line is split into values
 * @param parser the syntax of one value
 * @param defaultText the default as Heartbeat's {@code -D} shows it, empty when there is none
 * @param unit the unit of the value, empty when not applicable
 * @param description one line for operators
 * @param support whether jheartbeat acts on it; directives it does not act on draw a warning
 */
public record Directive(
    String name,
    Form form,
    ValueParser parser,
    Optional<String> defaultText,
    String unit,
    String description,
    Support support) {

  public Directive {
    Objects.requireNonNull(name);
    Objects.requireNonNull(form);
    Objects.requireNonNull(parser);
    Objects.requireNonNull(defaultText);
    Objects.requireNonNull(unit);
    Objects.requireNonNull(description);
    Objects.requireNonNull(support);
  }

  /** How the text after the keyword becomes values (spec membership §4.1). */
  public enum Form {
    /** Exactly one value; a second word is an error (Heartbeat would apply it as a new value). */
    SINGLE,
    /** An option list: split on blanks, tabs and commas, each token applied in turn. */
    LIST,
    /** A whole-line directive: the rest of the line is one value with its own syntax. */
    LINE
  }

  /** Whether jheartbeat acts on a directive, and if not, why an operator need not worry. */
  public record Support(boolean actedOn, String note) {
    public static Support yes() {
      return new Support(true, "");
    }

    public static Support notActedOn(String why) {
      return new Support(false, why);
    }
  }
}
