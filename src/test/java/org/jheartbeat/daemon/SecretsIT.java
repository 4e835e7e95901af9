package org.jheartbeat.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.jheartbeat.api.ControlClient;
import org.jheartbeat.api.ControlSocket;
import org.jheartbeat.config.AuthKey;
import org.jheartbeat.config.AuthKeys;
import org.jheartbeat.config.AuthMethod;
import org.jheartbeat.config.Directive;
import org.jheartbeat.config.Directives;
import org.jheartbeat.testkit.JheartbeatCommand;
import org.jheartbeat.wire.Authenticator;
import org.jheartbeat.wire.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No key and no token leaks: one real daemon (alone on loopback) with known authkeys secrets, a
 * known API token, {@code debug 1} and a resource script that records its environment, driven
 * through every way out of it (the init-script status, cl_status with every hbparameter, the
 * HTTP status, metrics, dashboard and actions, check-config --dump, forged and foreign packets
 * that end up in the log); then none of what came out, nor the logfile, debugfile or the
 * script's environment, holds a secret, nor the valid signature of a forged packet. Also
 * checks over real UDP that a replayed standby request of an old generation is not acted on,
 * that {@code http_api PORT} listens on loopback only and that the actions need the token.
 */
class SecretsIT {
  @TempDir Path dir;
  private final Random random = new Random();
  private final String key1 = "k1-" + Long.toHexString(random.nextLong()) + "-md5secret";
  private final String key2 = "k2-" + Long.toHexString(random.nextLong()) + "-sha1secret";
  private final String token = "tok-" + Long.toHexString(random.nextLong()) + "-bearer";
  private final List<String> outputs = new ArrayList<>();
  private String validSignature;

  @AfterEach
  void killLeftovers() {
    PidFile.running(dir.resolve("run")).ifPresent(pid ->
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  @Test
  void noKeyOrTokenInAnythingTheDaemonShowsOrWrites() throws Exception {
    int udpPort;
    try (DatagramSocket probe = new DatagramSocket(0)) {
      udpPort = probe.getLocalPort();
    }
    int httpPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      httpPort = probe.getLocalPort();
    }
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Path resourceDir = Files.createDirectories(etc.resolve("resource.d"));
    Path envDump = dir.resolve("resource-env");
    Files.writeString(etc.resolve("ha.cf"), "logfile " + dir.resolve("ha-log") + "\ndebugfile " + dir.resolve("ha-debug")
        + "\ndebug 1\nkeepalive 1\ndeadtime 4\ninitdead 4\nudpport " + udpPort + "\nucast lo 127.0.0.1\n"
        + "auto_failback off\nnode solo\nhttp_api " + httpPort + "\n");
    Path keys = etc.resolve("authkeys");
    Files.writeString(keys, "auth 2\n1 md5 " + key1 + "\n2 sha1 " + key2 + "\n");
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(etc.resolve("haresources"), "solo Envdump::arg\n");
    Path script = resourceDir.resolve("Envdump");
    // The daemon asks every group's status at start (resources left running): the script records
    // the environment it runs with.
    Files.writeString(script, "#!/bin/sh\n[ \"$2\" = status ] && env > " + envDump + "\necho stopped\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path state = Files.createDirectories(dir.resolve("state"));
    Path tokenFile = state.resolve("api-token");
    Files.writeString(tokenFile, token + "\n");
    Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    List<String> node = List.of("--config-dir", etc.toString(), "--node", "solo", "--state-dir", state.toString(),
        "--run-dir", dir.resolve("run").toString(), "--init-dir", dir.toString());

    keep(jheartbeat(with("start", node)));
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(envDump));

    keep(jheartbeat(with("status", node)));
    keep(jheartbeat("cl_status", "--run-dir", dir.resolve("run").toString(), "hbparameter", "-p", "keepalive"));
    ControlClient control = new ControlClient(ControlSocket.in(dir.resolve("run")), Duration.ofSeconds(5));
    for (Directive d : Directives.all()) {
      keepReply(control.request("cl_status", List.of("hbparameter", "-p", d.name())));
    }
    for (List<String> request : List.of(List.of("hbstatus", "-v"), List.of("listnodes"), List.of("rscstatus"),
        List.of("nodestatus", "solo"), List.of("hblinkstatus", "solo", "lo"))) {
      keepReply(control.request("cl_status", request));
    }
    keepReply(control.request("status", List.of()));
    keep(jheartbeat("check-config", "-c", etc.toString(), "--node", "solo", "--dump"));

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String base = "http://127.0.0.1:" + httpPort;
    for (String path : List.of("/api/v1/status", "/metrics", "/", "/app.js", "/nothing")) {
      keep(http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    HttpResponse<String> noToken = post(http, base + "/api/v1/takeover", Optional.empty());
    HttpResponse<String> nearMiss = post(http, base + "/api/v1/takeover", Optional.of(token.substring(0, token.length() - 1)));
    HttpResponse<String> longer = post(http, base + "/api/v1/takeover", Optional.of(token + "x"));
    assertThat(List.of(noToken.statusCode(), nearMiss.statusCode(), longer.statusCode())).containsOnly(401);
    HttpResponse<String> right = post(http, base + "/api/v1/takeover", Optional.of(token));
    assertThat(right.statusCode()).as(right.body()).isIn(200, 409);
    List.of(noToken, nearMiss, longer, right).forEach(this::keep);

    // Without an address, http_api binds loopback only: another local address does not answer.
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.2:" + httpPort + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);

    sendForgedPackets(udpPort);
    await().atMost(Duration.ofSeconds(15)).until(() -> read(dir.resolve("ha-log")).contains("bad node [intruder]")
        && read(dir.resolve("ha-log")).contains("authentication failed")
        && read(dir.resolve("ha-log")).contains("attempted replay attack [solo]? [gen = 1, curgen = "));
    assertThat(read(dir.resolve("ha-log"))).doesNotContainIgnoringCase("standby");

    keep(jheartbeat("stop", "--run-dir", dir.resolve("run").toString(), "--timeout", "30"));
    outputs.add(read(dir.resolve("ha-log")));
    outputs.add(read(dir.resolve("ha-debug")));
    outputs.add(read(envDump));
    assertThat(read(dir.resolve("ha-debug"))).as("debugfile written").contains("debug: ");
    assertThat(outputs).hasSizeGreaterThan(Directives.all().size());
    for (String secret : List.of(key1, key2, token, validSignature)) {
      assertThat(outputs).as("nothing shows " + secret).noneMatch(o -> o.contains(secret));
    }
  }

  /**
   * A packet signed with a key the daemon does not have (logged as an authentication failure),
   * one signed with its key but from a node not in ha.cf (logged as a bad node) and a standby
   * request of an earlier generation of this node (logged as a replay, not acted on).
   */
  private void sendForgedPackets(int port) throws IOException {
    Message intruder = Message.builder().add("t", "status").add("st", "active").add("src", "intruder")
        .add("seq", "1").add("hg", "1").add("ts", "1").add("dt", "2710").add("protocol", "1").build();
    Authenticator ours = new Authenticator(new AuthKeys(dir.resolve("k"), 2, 1,
        Map.of(2, new AuthKey(2, AuthMethod.SHA1, Optional.of(key2), 2))));
    Authenticator wrong = new Authenticator(new AuthKeys(dir.resolve("k"), 2, 1,
        Map.of(2, new AuthKey(2, AuthMethod.SHA1, Optional.of(key2 + "-wrong"), 2))));
    Message solo = Message.builder().add("t", "status").add("st", "active").add("src", "solo")
        .add("seq", "1").add("hg", "1").add("ts", "1").add("dt", "2710").add("protocol", "1").build();
    // What the daemon computes for the forged packet is a valid signature of it: a log that
    // showed it would sign any message an attacker chose for whoever can read the log.
    String valid = new String(ours.sign(solo, Authenticator.MsgFormat.NETSTRING), StandardCharsets.ISO_8859_1);
    validSignature = valid.substring(valid.lastIndexOf(' ') + 1, valid.length() - 1);
    // Authentic but from an earlier generation of this node: a replayed standby request.
    Message replayed = Message.builder().add("t", "ask_resources").add("rsc_hold", "all").add("info", "me")
        .add("src", "solo").add("seq", "1").add("hg", "1").add("ts", "1").build();
    try (DatagramSocket s = new DatagramSocket()) {
      for (byte[] packet : List.of(wrong.sign(solo, Authenticator.MsgFormat.NETSTRING), ours.sign(intruder),
          ours.sign(replayed))) {
        s.send(new DatagramPacket(packet, packet.length, InetAddress.getByName("127.0.0.1"), port));
      }
    }
  }

  private static HttpResponse<String> post(HttpClient http, String url, Optional<String> bearer) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("set=all"));
    bearer.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void keep(HttpResponse<String> r) {
    outputs.add(r.headers().map() + "\n" + r.body());
  }

  private void keep(String out) {
    outputs.add(out);
  }

  private void keepReply(ControlClient.Outcome o) {
    ControlClient.Reply r = o.reply().orElseThrow(() -> new AssertionError("no reply: " + o.failure()));
    outputs.add(r.lines().toString());
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }

  private static List<String> with(String command, List<String> node) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(node);
    return args;
  }

  private String jheartbeat(List<String> args) throws Exception {
    return jheartbeat(args.toArray(String[]::new));
  }

  private String jheartbeat(String... args) throws Exception {
    JheartbeatCommand.Result r = JheartbeatCommand.run(dir, List.of(args));
    return "exit " + r.exitCode() + "\n" + r.out();
  }
}
