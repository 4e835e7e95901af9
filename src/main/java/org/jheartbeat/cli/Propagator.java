package org.jheartbeat.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.jheartbeat.platform.ProcessRequest;
import org.jheartbeat.platform.ProcessResult;
import org.jheartbeat.platform.ProcessRunner;

/**
 * What Heartbeat's {@code ha_propagate} should have done: copy ha.cf, authkeys, haresources (and
 * jheartbeat's monitors file when this node has one) to every other node with ssh and scp,
 * keeping their modes, so that all nodes run the same files. A node whose files differ from ours is left alone unless forced, since its files may
 * be the newer ones; a dry run says what would be copied and copies nothing.
 */
final class Propagator {
  static final List<String> FILES = List.of("ha.cf", "authkeys", "haresources", "monitors");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** What happened to one node. */
  enum Outcome { UP_TO_DATE, COPIED, WOULD_COPY, REFUSED, FAILED }

  private final ProcessRunner runner;
  private final List<String> sshOptions;
  private final PrintWriter out;

  Propagator(ProcessRunner runner, List<String> sshOptions, PrintWriter out) {
    this.runner = runner;
    this.sshOptions = List.copyOf(sshOptions);
    this.out = out;
  }

  Outcome propagate(Path localDir, String node, Path remoteDir, boolean dryRun, boolean force) throws IOException {
    Map<String, String> local = localDigests(localDir);
    ProcessResult sums = run(ssh(node, "cd " + quote(remoteDir.toString()) + " 2>/dev/null && sha256sum "
        + String.join(" ", FILES) + " 2>/dev/null; true"));
    if (sums.exitCode() != 0) {
      out.printf("%s: cannot reach it with ssh (exit %d): %s%n", node, sums.exitCode(), sums.stderr().strip());
      return Outcome.FAILED;
    }
    Map<String, String> remote = parseDigests(sums.stdout());
    List<String> differing = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String f : FILES) {
      if (!local.containsKey(f)) {
        continue;
      }
      String theirs = remote.get(f);
      if (theirs == null) {
        missing.add(f);
      } else if (!theirs.equals(local.get(f))) {
        differing.add(f);
      }
    }
    if (differing.isEmpty() && missing.isEmpty()) {
      out.printf("%s: up to date%n", node);
      return Outcome.UP_TO_DATE;
    }
    if (!differing.isEmpty() && !force) {
      out.printf("%s: refused: its %s differ from ours; check which are right, then use --force to overwrite%n",
          node, String.join(", ", differing));
      return Outcome.REFUSED;
    }
    List<String> toCopy = new ArrayList<>(differing);
    toCopy.addAll(missing);
    List<String> scp = new ArrayList<>(List.of("scp", "-p", "-q"));
    scp.addAll(sshOptions);
    toCopy.forEach(f -> scp.add(localDir.resolve(f).toString()));
    scp.add(node + ":" + remoteDir + "/");
    if (dryRun) {
      out.printf("%s: would copy %s (%s)%n", node, String.join(", ", toCopy), String.join(" ", scp));
      return Outcome.WOULD_COPY;
    }
    ProcessResult copied = run(scp);
    ProcessResult chmod = copied.exitCode() == 0
        ? run(ssh(node, "chmod 600 " + quote(remoteDir + "/authkeys")))
        : copied;
    if (copied.exitCode() != 0 || chmod.exitCode() != 0) {
      out.printf("%s: copy failed (exit %d): %s%n", node, chmod.exitCode(), chmod.stderr().strip());
      return Outcome.FAILED;
    }
    out.printf("%s: copied %s%n", node, String.join(", ", toCopy));
    return Outcome.COPIED;
  }

  private List<String> ssh(String node, String command) {
    List<String> argv = new ArrayList<>(List.of("ssh"));
    argv.addAll(sshOptions);
    argv.add(node);
    argv.add(command);
    return argv;
  }

  private ProcessResult run(List<String> argv) throws IOException {
    try {
      return runner.run(ProcessRequest.of(TIMEOUT, argv)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IOException(e.getCause());
    }
  }

  static Map<String, String> localDigests(Path dir) throws IOException {
    Map<String, String> digests = new LinkedHashMap<>();
    for (String f : FILES) {
      Path p = dir.resolve(f);
      if (Files.isRegularFile(p)) {
        digests.put(f, sha256(Files.readAllBytes(p)));
      }
    }
    return digests;
  }

  /** {@code sha256sum} output: {@code HEX  NAME} lines. */
  static Map<String, String> parseDigests(String text) {
    Map<String, String> digests = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] w = line.strip().split("\\s+", 2);
      if (w.length == 2 && w[0].matches("[0-9a-f]{64}")) {
        digests.put(w[1].startsWith("*") ? w[1].substring(1) : w[1], w[0]);
      }
    }
    return digests;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Single-quotes a path for the remote shell (ssh always passes a command line to one). */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
