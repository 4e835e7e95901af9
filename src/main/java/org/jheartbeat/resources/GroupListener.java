package org.jheartbeat.resources;

/**
 * Told of each resource group state change, on the event loop, once per edge and after it is
 * logged as {@code Resource group G: old -> new (reason)} (HOUSE-STYLE habit 5). The daemon
 * records them in the status API's transition list.
 */
@FunctionalInterface
public interface GroupListener {
  void groupStateChanged(String group, GroupState from, GroupState to, String reason);

  GroupListener NONE = (group, from, to, reason) -> { };
}
