/**
 * Running haresources groups as Heartbeat's ResourceManager does (spec membership §4.3, §4.4).
 *
 * <p>{@link org.jheartbeat.resources.GroupActions} is the seam the resource manager state machine
 * calls; {@link org.jheartbeat.resources.GroupRunner} implements it: takegroup (status first, then
 * start, left to right; a failed start gives the whole group up), givegroup (right to left, failed
 * stops retried, a stop that never succeeds on a running resource is a CRIT — jheartbeat never
 * reboots) and status (the first resource). Each resource is a
 * {@link org.jheartbeat.resources.ResourceAgent}: a {@link org.jheartbeat.resources.ScriptAgent}
 * for a script in {@code resource.d} or init.d (exit 0 for start/stop,
 * {@link org.jheartbeat.resources.StatusText} for status), or
 * {@link org.jheartbeat.resources.BuiltinIpaddr} for {@code IPaddr}/{@code IPaddr2}
 * ({@code ip addr} with an alias label, {@link org.jheartbeat.resources.VipPlan} for the
 * calculated parts, {@link org.jheartbeat.resources.GratuitousArp} for send_arp's
 * announcements). Results are normalised to {@link org.jheartbeat.resources.AgentResult}.
 *
 * <p>No threads, processes or clocks here: commands go through
 * {@link org.jheartbeat.platform.ProcessRunner} (argv lists, time limits, process-tree kill),
 * delays through the injected {@link org.jheartbeat.runtime.Scheduler}, and outcomes reach the
 * event loop through the {@link java.util.concurrent.Executor} the daemon passes in
 * ({@code loop::post}). The futures in between complete on the process runner's threads.
 */
package org.jheartbeat.resources;
