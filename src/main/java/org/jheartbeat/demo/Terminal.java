package org.jheartbeat.demo;

import java.io.PrintWriter;

/**
 * The demo's output: step lines, plus the client's state. On a terminal the client's state is
 * one line rewritten in place; otherwise (a pipe, a file, a test) a line is printed only when
 * the state changes, so that the output stays short.
 */
final class Terminal {
  private final PrintWriter out;
  private final boolean live;
  private final long startNanos = System.nanoTime();
  private String liveLine = "";
  private String lastChange = "";
  private long lastDrawNanos;
  private boolean ended;

  Terminal(PrintWriter out, boolean live) {
    this.out = out;
    this.live = live;
  }

  /** Seconds since the demo started, as printed before client events. */
  String clock() {
    return String.format("%6.2fs", (System.nanoTime() - startNanos) / 1e9);
  }

  synchronized void say(String line) {
    clearLive();
    out.println(line);
    redrawLive();
    out.flush();
  }

  /** The client's current state: {@code change} is what differs between states (answerer or none). */
  synchronized void status(String change, String detail) {
    if (ended) {
      return;
    }
    if (live) {
      liveLine = detail;
      long now = System.nanoTime();
      // Redraw on a change at once, otherwise ten times a second: enough to watch the counters.
      if (!change.equals(lastChange) || now - lastDrawNanos > 100_000_000L) {
        lastDrawNanos = now;
        clearLive();
        redrawLive();
        out.flush();
      }
    } else if (!change.equals(lastChange)) {
      out.println("  [" + clock() + "] client: " + change);
      out.flush();
    }
    lastChange = change;
  }

  /** The client's state is no longer shown (the story is over: summary and cleanup follow). */
  synchronized void endLive() {
    ended = true;
    clearLive();
    liveLine = "";
    out.flush();
  }

  private void clearLive() {
    if (live && !liveLine.isEmpty()) {
      out.print("\r\033[K");
    }
  }

  private void redrawLive() {
    if (live && !liveLine.isEmpty()) {
      out.print(liveLine);
    }
  }
}
