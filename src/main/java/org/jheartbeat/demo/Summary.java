package org.jheartbeat.demo;

import java.util.List;

/** The demo's closing table: each step, what happened, and the client's outage. */
final class Summary {
  private Summary() {}

  static void print(Terminal terminal, String url, List<Scenario.Step> steps) {
    terminal.say("");
    terminal.say("Summary (client polling " + url + " every " + WebProbe.INTERVAL_MS + " ms):");
    int i = 1;
    for (Scenario.Step s : steps) {
      String outage = s.outageMs() < 0 ? "" : String.format("outage %5d ms, %3d failed requests", s.outageMs(),
          s.failedRequests());
      terminal.say(String.format("  %d. %-26s %-36s %s", i++, s.what(), s.outcome(), outage));
    }
  }
}
