package org.jheartbeat.api.http;

import java.util.concurrent.TimeoutException;
import org.jheartbeat.api.StatusReport;

/**
 * What the HTTP API asks of the daemon. Each call is made on an HTTP worker thread; the daemon
 * answers from the event loop ({@code loop.call}) so that the API never touches live state.
 */
public interface HttpBackend {
  /** A status snapshot taken on the loop. */
  StatusReport status() throws TimeoutException;

  /** The metrics in the Prometheus text exposition format. */
  String metrics();

  /** {@code hb_standby SET}, run on the loop as the control socket does. */
  ActionResult standby(String set) throws TimeoutException;

  /** {@code hb_takeover SET}, run on the loop as the control socket does. */
  ActionResult takeover(String set) throws TimeoutException;

  /** The outcome of a standby or takeover request: accepted or refused, and the tool's text. */
  record ActionResult(boolean accepted, String message) {}
}
