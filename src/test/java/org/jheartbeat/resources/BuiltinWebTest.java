package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jheartbeat.config.ResourceSpec;
import org.jheartbeat.daemon.JdkPageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The built-in jhbweb resource on a loopback address other than 127.0.0.1 and a free port. */
class BuiltinWebTest {
  private static final String ADDRESS = "127.0.0.77";
  private final WebSites sites = new WebSites(new JdkPageServer(), "nodeA");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @AfterEach
  void closeSites() {
    sites.close();
  }

  @Test
  void startServesAPageNamingTheNodeStatusFollowsAndStopFreesThePort() throws Exception {
    int port = freePort();
    BuiltinWeb agent = agent("jhbweb::" + ADDRESS + "::" + port);

    assertThat(agent.run(AgentOperation.STATUS).get()).isEqualTo(AgentResult.STOPPED);
    assertThat(agent.run(AgentOperation.START).get()).isEqualTo(AgentResult.SUCCESS);
    assertThat(agent.run(AgentOperation.STATUS).get()).isEqualTo(AgentResult.RUNNING);
    // A fresh agent for the same resource (the runner makes one per action) sees the same state.
    assertThat(agent("jhbweb::" + ADDRESS + "::" + port).run(AgentOperation.STATUS).get()).isEqualTo(AgentResult.RUNNING);
    assertThat(agent.run(AgentOperation.START).get()).as("starting a served site again").isEqualTo(AgentResult.SUCCESS);

    HttpResponse<String> page = get(port);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue(BuiltinWeb.NODE_HEADER)).contains("nodeA");
    assertThat(page.body()).contains("<title>nodeA</title>", "Served by nodeA");

    assertThat(agent.run(AgentOperation.STOP).get()).isEqualTo(AgentResult.SUCCESS);
    assertThat(agent.run(AgentOperation.STATUS).get()).isEqualTo(AgentResult.STOPPED);
    assertThat(refused(port)).as("nothing listens after stop").isTrue();
    try (ServerSocket again = new ServerSocket()) {
      again.bind(new InetSocketAddress(InetAddress.getByName(ADDRESS), port));
    }
    assertThat(agent.run(AgentOperation.STOP).get()).as("stopping a stopped site").isEqualTo(AgentResult.SUCCESS);
  }

  @Test
  void startFailsWhenThePortIsTakenAndOnBadArguments() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName(ADDRESS), 0));
      BuiltinWeb agent = agent("jhbweb::" + ADDRESS + "::" + taken.getLocalPort());
      assertThat(agent.run(AgentOperation.START).get()).isEqualTo(AgentResult.FAILED);
      assertThat(agent.run(AgentOperation.STATUS).get()).isEqualTo(AgentResult.STOPPED);
    }
    assertThat(agent("jhbweb::" + ADDRESS).run(AgentOperation.START).get()).isEqualTo(AgentResult.FAILED);
    assertThat(agent("jhbweb::" + ADDRESS + "::70000").run(AgentOperation.START).get()).isEqualTo(AgentResult.FAILED);
    assertThat(BuiltinWeb.argumentProblem(List.of("web.example", "80"))).isPresent();
    assertThat(BuiltinWeb.argumentProblem(List.of(ADDRESS, "8099"))).isEmpty();
  }

  @Test
  void withoutAPageServerStartFails() throws Exception {
    BuiltinWeb agent = new BuiltinWeb(spec("jhbweb::" + ADDRESS + "::8099"), WebSites.NONE);
    assertThat(agent.run(AgentOperation.START).get()).isEqualTo(AgentResult.FAILED);
  }

  private BuiltinWeb agent(String text) {
    return new BuiltinWeb(spec(text), sites);
  }

  private static ResourceSpec spec(String text) {
    List<String> parts = List.of(text.split("::"));
    return new ResourceSpec(text, parts.get(0), parts.subList(1, parts.size()));
  }

  private HttpResponse<String> get(int port) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://" + ADDRESS + ":" + port + "/"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static boolean refused(int port) throws IOException {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new InetSocketAddress(ADDRESS, port), 2_000);
      return false;
    } catch (ConnectException e) {
      return true;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(ADDRESS), 0));
      return s.getLocalPort();
    }
  }
}
