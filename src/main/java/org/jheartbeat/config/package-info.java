/**
 * The three configuration files of a Heartbeat node, parsed into immutable records.
 *
 * <p>{@link org.jheartbeat.config.Directives} declares every ha.cf directive once; {@link
 * org.jheartbeat.config.HaCfParser} splits lines into settings, {@link
 * org.jheartbeat.config.HaCfValidator} applies them in file order and checks Heartbeat's rules,
 * {@link org.jheartbeat.config.AuthKeysParser} and {@link
 * org.jheartbeat.config.HaResourcesParser} do the same for authkeys and haresources, and {@link
 * org.jheartbeat.config.ConfigLoader} runs all three in one pass that reports every problem with
 * its file and line. Nothing here opens sockets, starts processes or reads clocks; this package
 * depends on no other package of jheartbeat.
 */
package org.jheartbeat.config;
