package org.jheartbeat.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The haresources file: resource groups in file order (empty when the file is absent). */
public record HaResources(Path file, boolean present, List<ResourceGroup> groups) {
  public HaResources {
    groups = List.copyOf(groups);
  }

  public Optional<ResourceGroup> group(String key) {
    return groups.stream().filter(g -> g.key().equals(key)).findFirst();
  }

  /** Heartbeat's "local" groups of a node: those whose line starts with it. */
  public List<ResourceGroup> localTo(String node) {
    return groups.stream().filter(g -> g.preferredNode().equals(node)).toList();
  }

  /** Heartbeat's "foreign" groups of a node: all the others. */
  public List<ResourceGroup> foreignTo(String node) {
    return groups.stream().filter(g -> !g.preferredNode().equals(node)).toList();
  }
}
