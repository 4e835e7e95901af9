package org.jheartbeat.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jheartbeat.api.ClusterView;
import org.jheartbeat.api.StatusJson;
import org.jheartbeat.api.StatusReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handlers on a real JDK server bound to 127.0.0.1:0, with a fake backend. */
class HttpApiTest {
  @TempDir Path dir;

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<String> actions = new ArrayList<>();
  private final HttpClient client = HttpClient.newHttpClient();
  private boolean loopStuck;
  private HttpApi api;
  private String token;

  private final HttpBackend backend = new HttpBackend() {
    @Override
    public StatusReport status() throws TimeoutException {
      if (loopStuck) {
        throw new TimeoutException();
      }
      return report();
    }

    @Override
    public String metrics() {
      return registry.scrape();
    }

    @Override
    public ActionResult standby(String set) {
      actions.add("standby " + set);
      return new ActionResult(true, "Going standby [" + set + "].");
    }

    @Override
    public ActionResult takeover(String set) {
      actions.add("takeover " + set);
      return new ActionResult(false, "Takeover refused: no other node is active.");
    }
  };

  static StatusReport report() {
    return new StatusReport("node1", "0.1.0", "active", 7,
        List.of(new ClusterView.Node("node1", "normal", "active", List.of(new ClusterView.Link("eth0", "up"))),
            new ClusterView.Node("node2", "normal", "dead", List.of(new ClusterView.Link("eth0", "dead")))),
        new StatusReport.Resources("on", "stable", "all", List.of(
            new StatusReport.Group("IPaddr::10.0.0.10", "node2", "running", "node1",
                "2026-11-24T18:00:00Z", "mach_down node2")),
            List.of(new StatusReport.Monitor("httpd", "IPaddr::10.0.0.10", "ok", 1, 3, "restart", 12,
                "2026-11-24T18:01:00Z", "not running (rc=3): httpd is stopped"))),
        List.of(new StatusReport.Transition("2026-11-24T18:00:00Z", "node", "node2", "active", "dead",
            "status update")));
  }

  @BeforeEach
  void start() throws IOException {
    Path file = dir.resolve(ApiToken.FILE_NAME);
    ApiToken t = ApiToken.loadOrCreate(file);
    token = Files.readString(file).strip();
    api = HttpApi.start(new InetSocketAddress("127.0.0.1", 0), backend, Optional.of(t));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String authorization, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + api.address().getPort() + path);
  }

  @Test
  void statusIsTheReportAsJson() throws Exception {
    HttpResponse<String> r = get("/api/v1/status");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    StatusReport back = StatusJson.read(r.body());
    assertThat(back).isEqualTo(report());
    assertThat(r.body()).contains("\"transitions\":[{\"at\":\"2026-11-24T18:00:00Z\",\"kind\":\"node\"",
        "\"monitors\":[{\"resource\":\"httpd\",\"group\":\"IPaddr::10.0.0.10\",\"state\":\"ok\",\"failCount\":1");
  }

  @Test
  void statusAnswers503WhenTheLoopIsStuckAnd405ForOtherMethods() throws Exception {
    loopStuck = true;
    assertThat(get("/api/v1/status").statusCode()).isEqualTo(503);
    assertThat(post("/api/v1/status", null, "").statusCode()).isEqualTo(405);
    assertThat(get("/api/v1/statusx").statusCode()).isEqualTo(404);
    assertThat(get("/metrics/x").statusCode()).isEqualTo(404);
  }

  @Test
  void metricsAreInThePrometheusFormatWithTheirValues() throws Exception {
    Counter.builder("heartbeat.heartbeats.sent").register(registry).increment(3);
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain; version=0.0.4");
    assertThat(r.body()).contains("# TYPE heartbeat_heartbeats_sent_total counter")
        .contains("heartbeat_heartbeats_sent_total 3.0");
  }

  @Test
  void actionsWithoutOrWithAWrongTokenAre401AndNothingHappens() throws Exception {
    HttpResponse<String> none = post("/api/v1/standby", null, "set=all");
    HttpResponse<String> wrong = post("/api/v1/standby", "Bearer not-the-token", "set=all");
    HttpResponse<String> basic = post("/api/v1/takeover", "Basic " + token, "");
    assertThat(List.of(none.statusCode(), wrong.statusCode(), basic.statusCode())).containsOnly(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
    assertThat(actions).isEmpty();
    assertThat(none.body() + wrong.body()).doesNotContain(token);
  }

  @Test
  void actionsWithTheRightTokenCallTheResourceManager() throws Exception {
    HttpResponse<String> standby = post("/api/v1/standby?set=foreign", "Bearer " + token, "");
    assertThat(standby.statusCode()).isEqualTo(200);
    assertThat(standby.body()).contains("\"accepted\":true").contains("Going standby [foreign].");
    HttpResponse<String> takeover = post("/api/v1/takeover", "bearer " + token, "set=local");
    assertThat(takeover.statusCode()).isEqualTo(409);
    assertThat(post("/api/v1/standby", "Bearer " + token, "").statusCode()).isEqualTo(200);
    assertThat(actions).containsExactly("standby foreign", "takeover local", "standby all");
  }

  @Test
  void aBadSetIs400AndGetIs405() throws Exception {
    assertThat(post("/api/v1/standby", "Bearer " + token, "set=everything").statusCode()).isEqualTo(400);
    assertThat(get("/api/v1/takeover").statusCode()).isEqualTo(405);
    assertThat(actions).isEmpty();
  }

  @Test
  void withoutATokenFileTheActionsAreForbidden() throws Exception {
    api.close();
    api = HttpApi.start(new InetSocketAddress("127.0.0.1", 0), backend, Optional.empty());
    assertThat(post("/api/v1/standby", "Bearer " + token, "").statusCode()).isEqualTo(403);
    assertThat(actions).isEmpty();
  }

  @Test
  void theDashboardIsServedFromTheJar() throws Exception {
    HttpResponse<String> index = get("/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(index.body()).contains("<script src=\"dashboard.js\"").contains("id=\"timeline\"");
    assertThat(get("/dashboard.js").body()).contains("api/v1/status");
    assertThat(get("/dashboard.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(get("/../pom.xml").statusCode()).isEqualTo(404);
    assertThat(get("/etc/passwd").statusCode()).isEqualTo(404);
  }
}
