package org.jheartbeat.api.http;

/**
 * The JDK HTTP server reads a request's headers on a worker thread and, by default, waits for
 * them forever: a few clients that open connections and send their headers slowly (slowloris)
 * would hold every worker and stop the API. Its {@code sun.net.httpserver.maxReqTime} closes a
 * connection whose request is not read within that many seconds. The server reads the setting
 * once, when the first server of the JVM starts, so every server of jheartbeat applies this
 * first; a value given on the command line ({@code -D}) is kept.
 */
public final class RequestTimeLimit {
  static final String PROPERTY = "sun.net.httpserver.maxReqTime";
  static final int SECONDS = 5;

  private RequestTimeLimit() {}

  public static void apply() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, Integer.toString(SECONDS));
    }
  }
}
