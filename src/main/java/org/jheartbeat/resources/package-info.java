/**
 * v1 (haresources) resource management, pure and owned by the event loop: {@link
 * org.jheartbeat.resources.ResourceManager} (events in, messages and group actions out), the
 * nice_failback protocol ({@code NiceFailback}), legacy ip-request ({@code LegacyRequests}),
 * the serial action queue ({@code GroupRunner}) and the seams to the outside: {@link
 * org.jheartbeat.resources.GroupActions} (agents) and {@link org.jheartbeat.resources.Fencer}
 * (STONITH). See docs/resource-management.md for the wiring and the partition-heal rule.
 */
package org.jheartbeat.resources;
