package org.jheartbeat.resources;

import java.util.concurrent.CompletableFuture;

/**
 * Runs one haresources resource: a script ({@link ScriptAgent}) or jheartbeat's built-in
 * address handling ({@link BuiltinIpaddr}). {@link #run} returns at once; the future completes
 * off the event loop and never exceptionally. Start and stop complete with
 * {@link AgentResult#SUCCESS}, {@link AgentResult#FAILED}, {@link AgentResult#NOT_INSTALLED} or
 * {@link AgentResult#TIMED_OUT}; status with {@link AgentResult#RUNNING} or
 * {@link AgentResult#STOPPED} (or {@link AgentResult#TIMED_OUT}). Each agent logs its own runs.
 */
public interface ResourceAgent {
  /** The resource as written in haresources, used in every log line. */
  String name();

  CompletableFuture<AgentResult> run(AgentOperation operation);
}
