/**
 * How tools reach the daemon: the control socket, a Unix stream socket in the runtime
 * directory, carrying one request line and the lines of the answer (see {@link
 * org.jheartbeat.api.ControlSocket}); and, when ha.cf has {@code http_api}, the HTTP API and
 * dashboard of {@link org.jheartbeat.api.http}. Both read cluster state only as immutable
 * snapshots ({@link org.jheartbeat.api.StatusReport}, {@link org.jheartbeat.api.ClusterView})
 * taken on the event loop.
 */
package org.jheartbeat.api;
