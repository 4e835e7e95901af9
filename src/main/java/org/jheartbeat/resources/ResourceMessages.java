package org.jheartbeat.resources;

import org.jheartbeat.wire.Message;

/**
 * Builders of the v1 resource messages with the exact field order of spec wire §6.2 (the
 * control fields are added by the membership layer when it stamps them).
 */
final class ResourceMessages {
  private ResourceMessages() {}

  static Message starting() {
    return Message.builder().add("t", "starting").build();
  }

  /** {@code t, rsc_hold, rtype=full, isstable, [info]}. */
  static Message report(HeldSet held, boolean stable, String info) {
    Message.Builder b = Message.builder().add("t", "resource").add("rsc_hold", held.text())
        .add("rtype", "full").add("isstable", stable ? "1" : "0");
    if (info != null) {
      b.add("info", info);
    }
    return b.build();
  }

  /** mach_down's script form: {@code t, rsc_hold=foreign, info=mach_down}. */
  static Message machDown() {
    return Message.builder().add("t", "resource").add("rsc_hold", "foreign")
        .add("info", "mach_down").build();
  }

  static Message askResources(HeldSet set, String info) {
    return Message.builder().add("t", "ask_resources").add("rsc_hold", set.text())
        .add("info", info).build();
  }

  static Message shutdone() {
    return Message.builder().add("t", "shutdone").add("st", "dead").build();
  }

  static Message stonith(String node, String result) {
    return Message.builder().add("t", "stonith").add("node", node).add("result", result).build();
  }

  /**
   * jheartbeat's own {@code t=jhb-quorum pingreach=N}: how many ping nodes the sender reaches
   * (split_brain_policy ping_quorum). A real Heartbeat peer accepts and ignores an unknown type
   * (spec wire §6.4).
   */
  static Message pingReach(int reach) {
    return Message.builder().add("t", PingQuorum.MESSAGE).add("pingreach", Integer.toString(reach)).build();
  }

  static Message ipRequest(String key) {
    return Message.builder().add("t", "ip-request").add("ipaddr", key).build();
  }

  static Message ipRequestResp(String dest, String key, boolean weown) {
    return Message.builder().add("t", "ip-request-resp").add("dest", dest).add("ipaddr", key)
        .add("weown", weown ? "yes" : "no").add("ok", "OK").build();
  }

  static Message hbTakeover(String set) {
    return Message.builder().add("t", "hb_takeover").add("rsc_hold", set).build();
  }
}
