package org.jheartbeat.demo;

/** {@code jheartbeat demo --netns}: placeholder until the namespace topology lands. */
public final class NetnsDemo {
  private final DemoSettings settings;

  public NetnsDemo(DemoSettings settings) {
    this.settings = settings;
  }

  public int run() {
    settings.out().println("jheartbeat demo --netns: not implemented yet; run 'jheartbeat demo' (loopback, no root)");
    return 1;
  }
}
