package org.jheartbeat.config;

import java.util.List;

/**
 * One resource of a haresources group: {@code Script::arg1::arg2} runs {@code Script arg1 arg2
 * start|stop|status}. A bare IPv4 resource such as {@code 10.0.0.1/24/eth0} is Heartbeat's
 * shorthand for {@code IPaddr::10.0.0.1/24/eth0}.
 *
 * @param text the resource exactly as written (the first one is the group key)
 */
public record ResourceSpec(String text, String script, List<String> args) {
  public ResourceSpec {
    args = List.copyOf(args);
  }
}
