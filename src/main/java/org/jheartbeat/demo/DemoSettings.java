package org.jheartbeat.demo;

import java.io.BufferedReader;
import java.io.PrintWriter;

/**
 * What {@code jheartbeat demo} was asked for.
 *
 * @param pause wait for Enter between steps
 * @param durationSeconds bound on the whole run
 * @param keepLogs keep the temporary directory (configurations and logs)
 * @param liveLine rewrite the client's state line in place (a terminal)
 */
public record DemoSettings(boolean pause, long durationSeconds, boolean keepLogs, boolean liveLine,
    PrintWriter out, BufferedReader in) {}
