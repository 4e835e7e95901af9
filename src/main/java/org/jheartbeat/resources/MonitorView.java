package org.jheartbeat.resources;

import org.jheartbeat.config.OnFail;

/**
 * One monitored resource as this node sees it: its group, state, fail count (as it counts
 * towards {@code threshold} now, expired failures forgotten), and the last failure's wall time
 * ({@code 0} when none) and text ({@code not running (rc=3): httpd is stopped}).
 */
public record MonitorView(String resource, String group, MonitorState state, int failCount, int threshold,
    OnFail onFail, long checks, long lastFailureMillis, String lastFailure) {}
