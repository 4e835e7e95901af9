/**
 * v1 (haresources) resource management.
 *
 * <p>The decisions, pure and owned by the event loop: {@link
 * org.jheartbeat.resources.ResourceManager} (events in, messages and group actions out), the
 * nice_failback protocol ({@code NiceFailback}), legacy ip-request ({@code LegacyRequests}), the
 * serial action queue ({@code ActionQueue}) and the seams to the outside: {@link
 * org.jheartbeat.resources.GroupActions} (agents) and {@link org.jheartbeat.resources.Fencer}
 * (STONITH, implemented by {@code StonithFencer} over cluster-glue's {@code stonith} command) and the
 * split-brain tie-breaker {@code PingQuorum}. See docs/resource-management.md for the wiring,
 * fencing, split-brain policies and the partition-heal rule.
 *
 * <p>The actions, as Heartbeat's ResourceManager runs them (spec membership §4.3, §4.4): {@link
 * org.jheartbeat.resources.GroupRunner} implements GroupActions: takegroup (status first, then
 * start, left to right; a failed start gives the whole group up), givegroup (right to left,
 * failed stops retried, a stop that never succeeds on a running resource is a CRIT — jheartbeat
 * never reboots) and status (the first resource). Each resource is a {@link
 * org.jheartbeat.resources.ResourceAgent}: a {@link org.jheartbeat.resources.ScriptAgent} for a
 * script in {@code resource.d} or init.d, or {@link org.jheartbeat.resources.BuiltinIpaddr} for
 * {@code IPaddr}/{@code IPaddr2}, or {@link org.jheartbeat.resources.BuiltinWeb} for the built-in web
 * resource {@code jhbweb::ADDRESS::PORT} (demos, tests). Commands go through {@link
 * org.jheartbeat.platform.ProcessRunner} (argv lists, time limits, process-tree kill), delays
 * through the injected {@link org.jheartbeat.runtime.Scheduler}, every agent run is bounded by
 * {@code BoundedAgent} (its limit + 5 s, even if the agent never answers), and outcomes reach the event
 * loop through the {@link java.util.concurrent.Executor} the daemon passes in ({@code loop::post}).
 *
 * <p>Resource monitoring (the monitors file, jheartbeat's addition): {@link
 * org.jheartbeat.resources.ResourceMonitor}, owned by the loop like the manager that creates it,
 * checks the monitored resources of the groups running here through a {@link
 * org.jheartbeat.resources.MonitorProbe} ({@link org.jheartbeat.resources.ScriptProbe} in the
 * daemon), counts failures with expiry, restarts in place through the action queue and fails
 * over through the manager's own standby handshake.
 */
package org.jheartbeat.resources;
