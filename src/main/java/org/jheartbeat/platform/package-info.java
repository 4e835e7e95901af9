/**
 * Edges to the operating system behind small classes: the node name ({@code uname -n}), external
 * commands ({@link org.jheartbeat.platform.ProcessRunner}: argv lists, time limits, process-group
 * kill through {@code setsid} and libc {@code kill}) and, in {@code platform.logging},
 * Heartbeat-format log files and syslog(3).
 */
package org.jheartbeat.platform;
