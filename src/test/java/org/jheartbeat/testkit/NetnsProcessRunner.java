package org.jheartbeat.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jheartbeat.platform.ProcessRequest;
import org.jheartbeat.platform.ProcessResult;
import org.jheartbeat.platform.ProcessRunner;

/**
 * Runs every command inside a network namespace by prefixing argv with {@code ip netns exec NS}
 * (the JVM cannot enter a namespace per thread), and records each command with its result.
 */
public final class NetnsProcessRunner implements ProcessRunner {
  /** One command as the code under test issued it, and how it ended. */
  public record Call(List<String> argv, ProcessResult result) {}

  private final ProcessRunner delegate;
  private final List<String> prefix;
  private final List<Call> calls = new ArrayList<>();

  public NetnsProcessRunner(ProcessRunner delegate, String namespace) {
    this.delegate = delegate;
    this.prefix = List.of("ip", "netns", "exec", namespace);
  }

  @Override
  public CompletableFuture<ProcessResult> run(ProcessRequest request) {
    return delegate.run(request.prefixed(prefix)).thenApply(r -> {
      synchronized (calls) {
        calls.add(new Call(request.argv(), r));
      }
      return r;
    });
  }

  /** The finished commands whose program is {@code program}. */
  public List<Call> callsOf(String program) {
    synchronized (calls) {
      return calls.stream().filter(c -> c.argv().get(0).equals(program)).toList();
    }
  }
}
