package org.jheartbeat.e2e;

import org.jheartbeat.e2e.TwoNodeLab.Slot;

/**
 * Which daemon runs a node: lets a scenario test be parameterised over real-vs-real,
 * real-vs-jheartbeat and jheartbeat-vs-jheartbeat pairs without changing its body.
 */
public enum NodeKind {
  /** The real Heartbeat 3.0.6 of the Debian package ({@link RealHeartbeatNode}). */
  REAL {
    @Override
    public ClusterNode create(TwoNodeLab lab, Slot slot, String name, String haCf, String authkeys, String haresources) {
      return new RealHeartbeatNode(lab, slot, name, haCf, authkeys, haresources);
    }

    @Override
    public boolean available() {
      return RealHeartbeatNode.installed();
    }
  },
  /**
   * jheartbeat on a node that keeps Heartbeat's resource.d scripts, so IPaddr runs the real
   * resource-agents script (ifconfig, send_arp) instead of jheartbeat's built-in handling.
   */
  JHEARTBEAT_SCRIPTS {
    @Override
    public ClusterNode create(TwoNodeLab lab, Slot slot, String name, String haCf, String authkeys, String haresources) {
      return new JheartbeatNode(lab, slot, name, haCf, authkeys, haresources, true);
    }

    @Override
    public boolean available() {
      return JHEARTBEAT.available() && java.nio.file.Files.isDirectory(java.nio.file.Path.of("/etc/ha.d/resource.d"));
    }
  },
  /** jheartbeat's {@code bin/jheartbeat daemon} ({@link JheartbeatNode}). */
  JHEARTBEAT {
    @Override
    public ClusterNode create(TwoNodeLab lab, Slot slot, String name, String haCf, String authkeys, String haresources) {
      return new JheartbeatNode(lab, slot, name, haCf, authkeys, haresources);
    }

    @Override
    public boolean available() {
      return java.nio.file.Files.isExecutable(
          java.nio.file.Path.of(System.getProperty("jheartbeat.home", "."), "bin", "jheartbeat"));
    }
  };

  /** A prepared, not yet started node of this kind. */
  public abstract ClusterNode create(TwoNodeLab lab, Slot slot, String name, String haCf, String authkeys,
      String haresources);

  /**
   * Whether this kind can run on this machine (use in an assumption): the real daemon and
   * cl_status are installed, or the jheartbeat launcher exists (whether its {@code daemon}
   * sub-command exists yet is not checked).
   */
  public abstract boolean available();
}
