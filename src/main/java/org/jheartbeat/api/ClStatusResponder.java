package org.jheartbeat.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Answers {@code cl_status} requests from a {@link ClusterView} with the output and exit status
 * of Heartbeat 3.0.6's cl_status (spec membership §8.1, checked against the real tool): node
 * lists in reverse table order, {@code nodestatus} exit 0 only for active, up and ping,
 * {@code hblinkstatus} exit 0 only for up, {@code -m} for the human-readable forms.
 */
public final class ClStatusResponder {
  private static final Set<String> ALIVE = Set.of("active", "up", "ping");

  private ClStatusResponder() {}

  public static ControlClient.Reply answer(List<String> request, ClusterView view) {
    Out out = new Out();
    boolean human = request.contains("-m");
    List<String> args = request.stream().filter(a -> !a.equals("-m")).toList();
    if (args.isEmpty()) {
      return out.error("no sub-command", 11);
    }
    List<String> rest = args.subList(1, args.size());
    return switch (args.get(0)) {
      case "hbstatus" -> hbstatus(out, view, rest.contains("-v"));
      case "listnodes" -> listnodes(out, view, rest, human);
      case "nodestatus" -> withNode(out, view, rest, n -> {
        out.line(human ? "The cluster node " + n.name() + " is " + n.status() : n.status());
        return ALIVE.contains(n.status()) ? 0 : 1;
      });
      case "nodetype" -> withNode(out, view, rest, n -> {
        out.line(human ? "The node " + n.name() + "'s type: " + n.type() : n.type());
        return 0;
      });
      case "nodeweight" -> withNode(out, view, rest, n -> {
        out.line("100");
        return 0;
      });
      case "nodesite" -> withNode(out, view, rest, n -> {
        out.line("");
        return 0;
      });
      case "listhblinks" -> listhblinks(out, view, rest, human);
      case "hblinkstatus" -> hblinkstatus(out, view, rest, human);
      case "rscstatus" -> {
        out.line(human ? humanResources(view.resources()) : view.resources());
        yield out.reply(0);
      }
      case "hbparameter" -> hbparameter(out, view, rest, human);
      case "clientstatus" -> {
        // jheartbeat has no API clients (ipfail and friends sign on to Heartbeat's own API).
        out.line("offline");
        yield out.reply(1);
      }
      default -> out.error(args.get(0) + ": invalid sub-command.", 11);
    };
  }

  private static ControlClient.Reply hbstatus(Out out, ClusterView view, boolean verbose) {
    out.line("Heartbeat is running on this machine.");
    if (verbose) {
      out.line("version:\t" + view.version());
      out.line("managed by:\t\"haresources\"");
      verboseNodes(out, reversed(view.nodes()));
    }
    return out.reply(0);
  }

  private static ControlClient.Reply listnodes(Out out, ClusterView view, List<String> rest, boolean human) {
    List<ClusterView.Node> nodes = reversed(view.nodes());
    if (rest.contains("-p")) {
      nodes.removeIf(n -> !n.type().equals("ping"));
    } else if (rest.contains("-n")) {
      nodes.removeIf(n -> !n.type().equals("normal"));
    }
    if (rest.contains("-v")) {
      verboseNodes(out, nodes);
      return out.reply(0);
    }
    if (human) {
      out.line("The nodes are as follow:");
    }
    nodes.forEach(n -> out.line(n.name()));
    return out.reply(0);
  }

  /** Heartbeat's cl_status lists the node table backwards. */
  private static List<ClusterView.Node> reversed(List<ClusterView.Node> nodes) {
    List<ClusterView.Node> copy = new ArrayList<>(nodes);
    Collections.reverse(copy);
    return copy;
  }

  private static void verboseNodes(Out out, List<ClusterView.Node> nodes) {
    for (ClusterView.Node n : nodes) {
      out.line("");
      out.line(n.name() + "\t" + n.status() + "\t(nodetype: " + n.type() + ")");
      n.links().forEach(l -> out.line("\t" + l.name() + "\t" + l.status()));
    }
  }

  private static ControlClient.Reply listhblinks(Out out, ClusterView view, List<String> rest, boolean human) {
    boolean verbose = rest.contains("-v");
    List<String> names = rest.stream().filter(a -> !a.equals("-v")).toList();
    return withNode(out, view, names, n -> {
      if (human) {
        out.line("\tthis node has the following heartbeat links:");
      }
      n.links().forEach(l -> out.line("\t" + l.name() + (verbose ? "\t" + l.status() : "")));
      return 0;
    });
  }

  private static ControlClient.Reply hblinkstatus(Out out, ClusterView view, List<String> rest, boolean human) {
    if (rest.size() != 2) {
      return out.error("hblinkstatus needs <node-name> <link-name>", 11);
    }
    return withNode(out, view, rest.subList(0, 1), n -> {
      Optional<ClusterView.Link> link = n.links().stream().filter(l -> l.name().equals(rest.get(1))).findFirst();
      if (link.isEmpty()) {
        out.err("Cannot get link status for " + n.name() + ":" + rest.get(1));
        return 1;
      }
      String status = link.get().status();
      out.line(human ? "The node " + n.name() + "'s heartbeat link " + rest.get(1) + " is " + status : status);
      return status.equals("up") ? 0 : 1;
    });
  }

  private static ControlClient.Reply hbparameter(Out out, ClusterView view, List<String> rest, boolean human) {
    int p = rest.indexOf("-p");
    if (p < 0 || p + 1 >= rest.size()) {
      return out.error("hbparameter needs -p <parameter-name>", 11);
    }
    String name = rest.get(p + 1);
    Optional<String> value = view.parameters().apply(name);
    if (value.isEmpty()) {
      out.err("Cannot get parameter " + name);
      return out.reply(1);
    }
    out.line(human ? "Heartbeat parameter " + name + "'s value: " + value.get() : value.get());
    return out.reply(0);
  }

  private interface NodeAnswer {
    int answer(ClusterView.Node node);
  }

  private static ControlClient.Reply withNode(Out out, ClusterView view, List<String> rest, NodeAnswer answer) {
    if (rest.size() != 1) {
      return out.error("expected one <node-name>", 11);
    }
    Optional<ClusterView.Node> node = view.node(rest.get(0));
    if (node.isEmpty()) {
      out.err("Cannot get node information for " + rest.get(0) + ": no such node");
      return out.reply(1);
    }
    return out.reply(answer.answer(node.get()));
  }

  private static String humanResources(String resources) {
    return switch (resources) {
      case "none" -> "This node is holding no resources.";
      case "local" -> "This node is holding local resources.";
      case "foreign" -> "This node is holding foreign resources.";
      case "all" -> "This node is holding all resources.";
      default -> "This node is in transition.";
    };
  }

  /** Accumulates answer lines. */
  private static final class Out {
    private final List<ControlClient.Line> lines = new ArrayList<>();

    void line(String text) {
      lines.add(new ControlClient.Line(false, text));
    }

    void err(String text) {
      lines.add(new ControlClient.Line(true, text));
    }

    ControlClient.Reply reply(int rc) {
      return new ControlClient.Reply(lines, rc);
    }

    ControlClient.Reply error(String text, int rc) {
      err(text);
      return reply(rc);
    }
  }
}
