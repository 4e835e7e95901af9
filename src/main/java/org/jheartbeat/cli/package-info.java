/**
 * The command line: one multi-call program ({@link org.jheartbeat.cli.Main}) that is
 * {@code jheartbeat} with its subcommands, or Heartbeat's {@code cl_status}, {@code hb_standby}
 * or {@code hb_takeover} when called by those names. Only this package writes to standard
 * output or exits the JVM.
 */
package org.jheartbeat.cli;
