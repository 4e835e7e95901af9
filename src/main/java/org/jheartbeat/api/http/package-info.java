/**
 * The HTTP face of the daemon: status JSON, Prometheus metrics, token-guarded standby/takeover
 * and the live dashboard, on the JDK's {@code com.sun.net.httpserver} with two worker threads.
 * Handlers never touch cluster state: they call an {@link org.jheartbeat.api.http.HttpBackend},
 * which the daemon implements with {@code loop.call(...)} snapshots.
 */
package org.jheartbeat.api.http;
