package org.jheartbeat.platform;

import java.util.concurrent.CompletableFuture;

/**
 * Runs external commands (HOUSE-STYLE habit 7): an argv list, never a shell, with a per-run
 * timeout after which the command's whole process tree is killed. {@link #run} returns at once;
 * the future completes, off the caller's thread, when the command has exited (or was killed).
 * It never completes exceptionally for a command that could not be started: that is a result
 * with exit code 127 (or 126) and the reason on stderr, as a shell would report it.
 */
public interface ProcessRunner {
  CompletableFuture<ProcessResult> run(ProcessRequest request);
}
