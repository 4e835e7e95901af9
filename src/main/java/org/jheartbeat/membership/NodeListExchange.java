package org.jheartbeat.membership;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jheartbeat.runtime.Scheduler;
import org.jheartbeat.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node-list exchange that ends joining (spec membership §3 step 5, wire §6.1). Once every
 * entry was heard from or declared dead, {@link #begin} sends {@code reqnodes dest=<first other
 * live normal node>} and repeats every second (re-choosing the first live peer each time) until
 * a {@code repnodes} addressed to us arrives; with no live peer, or with the exchange disabled by
 * an old-protocol peer, it goes straight to comm up. A {@code repnodes} adds unknown nodes,
 * removes normal nodes not listed (never the local one) and replaces the deleted-node list.
 * {@link #answer} replies to a {@code reqnodes} with {@code dest, t, nodelist, delnodelist},
 * every name followed by one space and an empty list sent as {@code " "}.
 */
final class NodeListExchange {
  static final Duration RETRY = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(NodeListExchange.class);

  /** Hooks into the engine. */
  interface Hooks {
    void send(Message m);

    void nodeAdded(NodeTable.Node n);

    void commNowUp();
  }

  private final NodeTable table;
  private final String localName;
  private final Scheduler scheduler;
  private final Hooks hooks;
  private boolean enabled = true;
  private boolean waiting;
  private Scheduler.Cancellable retry;

  NodeListExchange(NodeTable table, String localName, Scheduler scheduler, Hooks hooks) {
    this.table = table;
    this.localName = localName;
    this.scheduler = scheduler;
    this.hooks = hooks;
  }

  void disable() {
    enabled = false;
  }

  boolean waiting() {
    return waiting;
  }

  void begin() {
    waiting = true;
    ask();
  }

  private void ask() {
    retry = null;
    if (!waiting) {
      return;
    }
    Optional<NodeTable.Node> peer = enabled ? firstLivePeer() : Optional.empty();
    if (peer.isEmpty()) {
      finish();
      return;
    }
    hooks.send(Message.builder().add("t", "reqnodes").add("dest", peer.get().name()).build());
    retry = scheduler.schedule(RETRY, this::ask);
  }

  private Optional<NodeTable.Node> firstLivePeer() {
    return table.normalNodes().stream()
        .filter(n -> !n.name().equals(localName) && n.heard && n.status != NodeStatus.DEAD)
        .findFirst();
  }

  void answer(String requester) {
    StringBuilder nodes = new StringBuilder();
    for (NodeTable.Node n : table.normalNodes()) {
      nodes.append(n.name()).append(' ');
    }
    StringBuilder deleted = new StringBuilder();
    for (String d : table.deletedNodes()) {
      deleted.append(d).append(' ');
    }
    hooks.send(Message.builder()
        .add("dest", requester)
        .add("t", "repnodes")
        .add("nodelist", nodes.toString())
        .add("delnodelist", deleted.length() == 0 ? " " : deleted.toString())
        .build());
  }

  void onRepnodes(Message m) {
    if (!waiting) {
      log.debug("unsolicited repnodes ignored");
      return;
    }
    Set<String> listed = names(m.get("nodelist").orElse(""));
    for (String name : listed) {
      if (table.find(name).isEmpty()) {
        log.info("Adding node {} from repnodes", name);
        hooks.nodeAdded(table.addNormal(name));
      }
    }
    for (NodeTable.Node n : table.normalNodes()) {
      if (!listed.isEmpty() && !listed.contains(n.name()) && !n.name().equals(localName)) {
        log.info("Removing node {}: not in repnodes", n.name());
        table.remove(n.name());
      }
    }
    table.setDeletedNodes(List.copyOf(names(m.get("delnodelist").orElse(" "))));
    finish();
  }

  void cancel() {
    waiting = false;
    if (retry != null) {
      retry.cancel();
      retry = null;
    }
  }

  private void finish() {
    cancel();
    hooks.commNowUp();
  }

  private static Set<String> names(String list) {
    Set<String> out = new LinkedHashSet<>();
    Arrays.stream(list.trim().split("\\s+"))
        .filter(s -> !s.isEmpty())
        .forEach(s -> out.add(s.toLowerCase(Locale.ROOT)));
    return out;
  }
}
