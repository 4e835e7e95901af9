package org.jheartbeat.resources;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jheartbeat.platform.ProcessRequest;
import org.jheartbeat.platform.ProcessResult;
import org.jheartbeat.platform.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STONITH through cluster-glue's {@code stonith(8)} command: a reset of node X runs {@code
 * stonith -t TYPE -F CONFIG-FILE -T reset X} for each configured device in turn (ha.cf {@code
 * stonith TYPE FILE}; {@code stonith_host} lines get a private file holding their parameters, so
 * that passwords never show in the process list) until one exits 0. A device that exits non-zero
 * or outlives {@code timeout} (its process tree is killed) counts as failed; its output goes to
 * the log with the device type. The command runs off the event loop through the {@link
 * ProcessRunner}; the result is handed to {@code loop} (the daemon's {@code loop::post}).
 */
public final class StonithFencer implements Fencer {
  /** Debian cluster-glue's command. */
  public static final Path STONITH = Path.of("/usr/sbin/stonith");
  private static final Logger log = LoggerFactory.getLogger(StonithFencer.class);

  /** One device: a cluster-glue type ({@code external/ipmi}, {@code null}, ...) and its parameter file. */
  public record Device(String type, Path configFile) {
    List<String> resetArgv(Path command, String node) {
      return List.of(command.toString(), "-t", type, "-F", configFile.toString(), "-T", "reset", node);
    }
  }

  private final List<Device> devices;
  private final Path command;
  private final ProcessRunner runner;
  private final Executor loop;
  private final Duration timeout;

  public StonithFencer(List<Device> devices, Path command, ProcessRunner runner, Executor loop, Duration timeout) {
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("no STONITH device");
    }
    this.devices = List.copyOf(devices);
    this.command = command;
    this.runner = runner;
    this.loop = loop;
    this.timeout = timeout;
  }

  @Override
  public boolean configured() {
    return true;
  }

  @Override
  public void reset(String node, Consumer<Result> done) {
    attempt(0, node, new ArrayList<>(), done);
  }

  private void attempt(int index, String node, List<String> failures, Consumer<Result> done) {
    if (index == devices.size()) {
      String why = String.join("; ", failures);
      loop.execute(() -> {
        log.error("No STONITH device could reset {}: {}", node, why);
        done.accept(Result.BAD);
      });
      return;
    }
    Device d = devices.get(index);
    ProcessRequest request = ProcessRequest.of(timeout, d.resetArgv(command, node));
    runner.run(request).whenComplete((r, error) -> {
      if (error == null && r.succeeded()) {
        loop.execute(() -> {
          logOutput(d, r);
          done.accept(Result.OK);
        });
        return;
      }
      failures.add(d.type() + ": " + describe(r, error));
      attempt(index + 1, node, failures, done);
    });
  }

  private String describe(ProcessResult r, Throwable error) {
    if (error != null) {
      return "could not run " + command + ": " + error;
    }
    String output = ScriptAgent.oneLine(r);
    if (r.timedOut()) {
      return "timed out after " + timeout.toMillis() + " ms (process group killed): " + output;
    }
    return "exit " + r.exitCode() + ": " + output;
  }

  private static void logOutput(Device d, ProcessResult r) {
    r.stdout().lines().filter(l -> !l.isBlank()).forEach(l -> log.info("stonith {}: {}", d.type(), l.strip()));
    r.stderr().lines().filter(l -> !l.isBlank()).forEach(l -> log.info("stonith {}: {}", d.type(), l.strip()));
  }

  /** The device types, as Heartbeat names the device in {@code Resetting node X with [...]}. */
  @Override
  public String toString() {
    return devices.stream().map(Device::type).collect(Collectors.joining(","));
  }
}
