package org.jheartbeat.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jheartbeat.platform.ProcessRequest;
import org.jheartbeat.platform.ProcessResult;
import org.jheartbeat.platform.ProcessRunner;

/**
 * A {@link ProcessRunner} that runs nothing: it records every argv and answers, synchronously on
 * the caller's thread, with the result registered for the longest matching argv prefix (exit 0
 * and no output when nothing matches).
 */
public final class ScriptedProcessRunner implements ProcessRunner {
  private final Map<String, ProcessResult> answers = new LinkedHashMap<>();
  private final List<List<String>> calls = new ArrayList<>();

  /** Answers commands starting with {@code argvPrefix} (space-joined) with exit code and stdout. */
  public ScriptedProcessRunner answer(String argvPrefix, int exit, String stdout) {
    answers.put(argvPrefix, new ProcessResult(exit, false, Duration.ofMillis(1), stdout, "", 0, 0));
    return this;
  }

  @Override
  public synchronized CompletableFuture<ProcessResult> run(ProcessRequest request) {
    calls.add(request.argv());
    String line = request.commandLine();
    ProcessResult best = new ProcessResult(0, false, Duration.ofMillis(1), "", "", 0, 0);
    int bestLength = -1;
    for (Map.Entry<String, ProcessResult> e : answers.entrySet()) {
      if (line.startsWith(e.getKey()) && e.getKey().length() > bestLength) {
        best = e.getValue();
        bestLength = e.getKey().length();
      }
    }
    return CompletableFuture.completedFuture(best);
  }

  public synchronized List<List<String>> calls() {
    return List.copyOf(calls);
  }

  /** The recorded calls whose program is {@code program}. */
  public synchronized List<List<String>> callsOf(String program) {
    return calls.stream().filter(c -> c.get(0).equals(program)).toList();
  }
}
