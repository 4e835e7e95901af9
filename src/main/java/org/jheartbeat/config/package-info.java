/**
 * The three configuration files of a Heartbeat node, and jheartbeat's optional monitors file,
 * parsed into immutable records.
 *
 * <p>{@link org.jheartbeat.config.Directives} declares every ha.cf directive once; {@link
 * org.jheartbeat.config.HaCfParser} splits lines into settings, {@link
 * org.jheartbeat.config.HaCfValidator} applies them in file order and checks Heartbeat's rules,
 * {@link org.jheartbeat.config.AuthKeysParser} and {@link
 * org.jheartbeat.config.HaResourcesParser} do the same for authkeys and haresources, {@link
 * org.jheartbeat.config.MonitorsParser} for the monitors file (options declared once in {@link
 * org.jheartbeat.config.MonitorOption}, resources checked against haresources), and {@link
 * org.jheartbeat.config.ConfigLoader} runs them all in one pass that reports every problem with
 * its file and line. Nothing here opens sockets, starts processes or reads clocks; this package
 * depends on no other package of jheartbeat.
 */
package org.jheartbeat.config;
