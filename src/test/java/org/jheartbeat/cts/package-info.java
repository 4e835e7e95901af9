/**
 * A CTS-equivalent fault suite on real daemons (issue 6), after Heartbeat's own Cluster Test
 * Suite: every test is a class with a name and an ignore list of the ERROR/CRIT lines it expects;
 * a seeded runner deals tests onto one long-lived two-node cluster in network namespaces
 * ({@code jhb-cts-*}: jheartbeat orasrv1, and jheartbeat or the real Heartbeat as orasrv2, the
 * tutorial's VIP + lighttpd group, keepalive 200 ms, deadtime 2 s) and audits after each one
 * (group on exactly the expected node, no process left with a daemon down, both logs free of
 * unexpected ERROR/CRIT lines).
 *
 * <ul>
 *   <li>{@link org.jheartbeat.cts.CtsCluster}: the cluster, its faults and observations;</li>
 *   <li>{@link org.jheartbeat.cts.StartStopTests}, {@link org.jheartbeat.cts.FailureTests},
 *       {@link org.jheartbeat.cts.NetworkTests}: the tests;</li>
 *   <li>{@link org.jheartbeat.cts.Audits}, {@link org.jheartbeat.cts.CtsRunner},
 *       {@link org.jheartbeat.cts.CtsReport}; {@link org.jheartbeat.cts.CtsIT} is the entry
 *       (short run in CI, long runs through {@code scripts/cts}).</li>
 * </ul>
 */
package org.jheartbeat.cts;
