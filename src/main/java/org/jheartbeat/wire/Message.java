package org.jheartbeat.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A Heartbeat message: an ordered list of fields (spec wire §1). Order is significant (it is
 * authenticated), names may repeat, and every lookup returns the first field of that name, as
 * Heartbeat's does; a string lookup only matches STRING fields. Immutable: the "with" methods
 * return a new message.
 */
public final class Message {
  /** The field holding the message type. */
  public static final String TYPE = "t";

  private final List<Field> fields;

  private Message(List<Field> fields) {
    this.fields = Collections.unmodifiableList(fields);
  }

  public static Message of(List<Field> fields) {
    return new Message(new ArrayList<>(fields));
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Field> fields() {
    return fields;
  }

  public Optional<Field> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** The first STRING field of this name, as Heartbeat's {@code ha_msg_value}. */
  public Optional<String> get(String name) {
    return fields.stream()
        .filter(f -> f.name().equals(name) && f.type() == FieldType.STRING)
        .findFirst()
        .map(Field::text);
  }

  public Optional<byte[]> binary(String name) {
    return fields.stream()
        .filter(f -> f.name().equals(name) && f.type() == FieldType.BINARY)
        .findFirst()
        .map(Field::bytes);
  }

  /** The message type ({@code t}), empty string when absent. */
  public String type() {
    return get(TYPE).orElse("");
  }

  /**
   * Sets a field as Heartbeat's sender adds control fields: modified in place when a field of
   * that name exists, appended otherwise (spec wire §2.5).
   */
  public Message with(Field field) {
    List<Field> copy = new ArrayList<>(fields);
    for (int i = 0; i < copy.size(); i++) {
      if (copy.get(i).name().equals(field.name())) {
        copy.set(i, field);
        return new Message(copy);
      }
    }
    copy.add(field);
    return new Message(copy);
  }

  public Message with(String name, String value) {
    return with(Field.string(name, value));
  }

  /** This message without any field of this name. */
  public Message without(String name) {
    List<Field> copy = new ArrayList<>(fields);
    copy.removeIf(f -> f.name().equals(name));
    return new Message(copy);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Message m && fields.equals(m.fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return fields.toString();
  }

  /** Builds a message field by field, in order. */
  public static final class Builder {
    private final List<Field> fields = new ArrayList<>();

    public Builder add(String name, String value) {
      fields.add(Field.string(name, value));
      return this;
    }

    public Builder add(Field field) {
      fields.add(field);
      return this;
    }

    public Message build() {
      return new Message(new ArrayList<>(fields));
    }
  }
}
