/**
 * {@code jheartbeat demo}: a local two-node cluster of real daemons showing a failover.
 *
 * <p>{@link org.jheartbeat.demo.LoopbackDemo} (no root: nodes on 127.0.0.11/12 with
 * {@code daemon --bind-address}, the built-in web resource {@code jhbweb} on 127.0.0.100) and
 * {@link org.jheartbeat.demo.NetnsDemo} (root: namespaces {@code jhb-demo-*}, built-in IPaddr and
 * lighttpd) set up a topology; {@code Scenario} tells the same story on both (start, crash,
 * restart, hb_standby) while {@code WebProbe} polls the service and measures each step's outage.
 * Output goes through the PrintWriter of the command; cleanup runs on every exit path and from
 * a shutdown hook (Ctrl-C), killing the daemons by pid.
 */
package org.jheartbeat.demo;
