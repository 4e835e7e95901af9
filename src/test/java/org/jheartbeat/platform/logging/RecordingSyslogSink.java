package org.jheartbeat.platform.logging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link SyslogSink} that remembers what it was sent. */
final class RecordingSyslogSink implements SyslogSink {

  record Sent(int facility, HeartbeatLevel level, String message) {}

  final List<Sent> sent = new CopyOnWriteArrayList<>();

  @Override
  public void send(int facility, HeartbeatLevel level, String message) {
    sent.add(new Sent(facility, level, message));
  }
}
