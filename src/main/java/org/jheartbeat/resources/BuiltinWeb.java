package org.jheartbeat.resources;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jheartbeat.config.ResourceSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in web resource {@code jhbweb::ADDRESS::PORT} (docs/resource-management.md), made
 * for demos and tests: start serves HTTP on {@code ADDRESS:PORT} from inside the daemon process
 * with a page naming this node (and the header {@value #NODE_HEADER}); stop closes the server
 * at once; status is running when this daemon serves it. It needs no root when ADDRESS is a
 * loopback address (Linux answers for all of 127.0.0.0/8 on lo) or one the host already has. As
 * the server lives in the daemon, a killed daemon takes its site with it: the crash of a node.
 */
public final class BuiltinWeb implements ResourceAgent {
  /** The resource's script name in haresources. */
  public static final String NAME = "jhbweb";
  /** Response header naming the node that served the page. */
  public static final String NODE_HEADER = "X-Jheartbeat-Node";

  private static final Logger log = LoggerFactory.getLogger(BuiltinWeb.class);

  private final ResourceSpec spec;
  private final WebSites sites;

  public BuiltinWeb(ResourceSpec spec, WebSites sites) {
    this.spec = spec;
    this.sites = sites;
  }

  /** ADDRESS and PORT of a jhbweb resource. */
  public record Where(String address, int port) {}

  /** The problem with {@code jhbweb} arguments, if any (haresources validation uses the same rule). */
  public static Optional<String> argumentProblem(java.util.List<String> args) {
    if (args.size() != 2) {
      return Optional.of("jhbweb takes two arguments: jhbweb::ADDRESS::PORT (e.g. jhbweb::127.0.0.100::8099)");
    }
    if (!Ipv4.isAddress(args.get(0))) {
      return Optional.of("'" + args.get(0) + "' is not an IPv4 address");
    }
    if (!args.get(1).matches("[0-9]{1,5}") || Integer.parseInt(args.get(1)) < 1 || Integer.parseInt(args.get(1)) > 65535) {
      return Optional.of("port '" + args.get(1) + "' is not a number from 1 to 65535");
    }
    return Optional.empty();
  }

  @Override
  public String name() {
    return spec.text();
  }

  @Override
  public CompletableFuture<AgentResult> run(AgentOperation op) {
    String line = "Running built-in " + NAME + " " + String.join(" ", spec.args()) + " " + op.word();
    if (op == AgentOperation.STATUS) {
      log.debug(line);
    } else {
      log.info(line);
    }
    Optional<String> problem = argumentProblem(spec.args());
    if (problem.isPresent()) {
      log.error("{}: {}", name(), problem.get());
      return CompletableFuture.completedFuture(switch (op) {
        case START -> AgentResult.FAILED;
        case STOP -> AgentResult.SUCCESS;
        case STATUS -> AgentResult.STOPPED;
      });
    }
    String address = spec.args().get(0);
    int port = Integer.parseInt(spec.args().get(1));
    return CompletableFuture.completedFuture(switch (op) {
      case START -> start(address, port);
      case STOP -> {
        sites.stop(address, port);
        log.info("{}: no longer serving http://{}:{}/", name(), address, port);
        yield AgentResult.SUCCESS;
      }
      case STATUS -> sites.serving(address, port) ? AgentResult.RUNNING : AgentResult.STOPPED;
    });
  }

  private AgentResult start(String address, int port) {
    try {
      sites.start(address, port);
      log.info("{}: serving http://{}:{}/", name(), address, port);
      return AgentResult.SUCCESS;
    } catch (IOException | RuntimeException e) {
      log.error("{}: cannot serve http://{}:{}/: {}", name(), address, port, e.getMessage());
      return AgentResult.FAILED;
    }
  }
}
