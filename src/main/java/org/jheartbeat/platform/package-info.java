/**
 * Edges to the operating system behind small classes: the node name ({@code uname -n}) and,
 * in {@code platform.logging}, Heartbeat-format log files and syslog(3).
 */
package org.jheartbeat.platform;
