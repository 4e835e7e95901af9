package org.jheartbeat.config;

import java.util.List;

/**
 * One logical line of haresources: the preferred node and its resources, started left to right
 * and stopped right to left. The group is known by its key, the first resource as written.
 */
public record ResourceGroup(String preferredNode, List<ResourceSpec> resources, int line) {
  public ResourceGroup {
    resources = List.copyOf(resources);
  }

  public String key() {
    return resources.get(0).text();
  }

  /** The line as ResourceManager logs it: {@code node res1 res2}. */
  public String text() {
    StringBuilder b = new StringBuilder(preferredNode);
    resources.forEach(r -> b.append(' ').append(r.text()));
    return b.toString();
  }
}
