package org.jheartbeat.resources;

/**
 * Where this node is in the standby handshake (spec membership §5.3 step 7): {@code ME} = we
 * asked to give up a set, {@code OTHER} = the peer asked and we agreed to take it, {@code DONE}
 * = our part finished, waiting for the other node's {@code done}.
 */
public enum StandbyState {
  NOT,
  ME,
  OTHER,
  DONE
}
