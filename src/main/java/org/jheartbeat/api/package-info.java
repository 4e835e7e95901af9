/**
 * How local tools reach the daemon: the control socket, a Unix stream socket in the runtime
 * directory, carrying one request line and the lines of the answer (see {@link
 * org.jheartbeat.api.ControlSocket}).
 */
package org.jheartbeat.api;
