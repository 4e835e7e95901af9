/**
 * End-to-end harness (HOUSE-STYLE testing level 5): a two-node cluster in network namespaces
 * where each node is the real Heartbeat 3.0.6 or jheartbeat, so scenario tests can run
 * real-vs-real, real-vs-jheartbeat and jheartbeat-vs-jheartbeat with one body.
 *
 * <ul>
 *   <li>{@link org.jheartbeat.e2e.TwoNodeLab}: switch namespace with {@code br-pub}/{@code br-hb},
 *       nodes {@code n1}/{@code n2} (eth0 .11/.12 on 192.168.21.0/24, eth1 .128/.129 on
 *       192.168.144.0/24, {@code brd +}, fixed MACs), ping node .254, client .50; faults
 *       {@code cutLinks}/{@code restoreLinks} (switch ports), {@code loss}/{@code asymmetricDrop}/
 *       {@code clearLoss}/{@code dropCounters} (nftables bridge table in the switch namespace);
 *       {@code leftoverProcesses()} for the clean-up assertion.</li>
 *   <li>{@link org.jheartbeat.e2e.ClusterNode}: name, slot, start, stop, kill9, powerOff, nodeStatus,
 *       linkStatus, configDir, standby (the node kind's own {@code hb_standby}), log, awaitLog,
 *       countLog, saveLog, close. {@link org.jheartbeat.e2e.NodeKind}
 *       creates either implementation.</li>
 *   <li>{@link org.jheartbeat.e2e.RealHeartbeatNode}: holder process with private UTS + mount
 *       namespaces, hostname = node name, per-node {@code /etc/ha.d}, {@code /var/lib/heartbeat},
 *       {@code /run}, {@code /var/log} bind-mounted from a temporary directory; commands through
 *       {@code nsenter -t HOLDER -n -m -u}.</li>
 *   <li>{@link org.jheartbeat.e2e.JheartbeatNode}: {@code bin/jheartbeat daemon} with explicit
 *       directories; needs no mount isolation; {@code environment} (e.g. the launcher's
 *       {@code JHEARTBEAT_DAEMON_JAVA_OPTS}) and {@code wrapper} (e.g. {@code chrt -r 1}) for
 *       benchmarks ({@code org.jheartbeat.stability}).</li>
 *   <li>{@link org.jheartbeat.e2e.Httpd}: the {@code httpd} LSB resource ({@code resource.d/httpd} in
 *       a node's config directory) running lighttpd on :80 in the node's namespace, serving the
 *       node name.</li>
 *   <li>{@link org.jheartbeat.e2e.VipClient} / {@link org.jheartbeat.e2e.VipPoller}: a child JVM in the
 *       client namespace polling {@code http://192.168.21.1/} every 20 ms into a traces-style
 *       client.log; {@code outage(from, to)} gives the traces' {@code outage_ms}, failed polls,
 *       first answer of the new node and flips.</li>
 *   <li>{@link org.jheartbeat.e2e.Walkthrough}: the tutorial's five steps for any pair of
 *       {@link org.jheartbeat.e2e.NodeKind}s, asserted from the client's view and the logs;
 *       {@link org.jheartbeat.e2e.RealWalkthroughIT} runs it with two real daemons
 *       (prefix {@code jhb-wk-}). Options: {@code auto_failback} value and extra haresources
 *       lines; {@code assertNoOutage} puts runs of up to 3 timed-out polls down to machine load
 *       where nothing moves.</li>
 *   <li>{@link org.jheartbeat.e2e.FailoverScenariosIT} (prefix {@code jhb-fs-}): auto_failback on
 *       (jheartbeat pair and real + jheartbeat), a resource whose start fails, a daemon killed
 *       with its resources left running and restarted, a second hb_standby refused while in
 *       flux.</li>
 *   <li>{@link org.jheartbeat.e2e.FencingIT} (prefix {@code jhb-fen-}): STONITH through
 *       cluster-glue with the test plugin {@code external/jhb-netns} ({@link
 *       org.jheartbeat.e2e.StonithPlugin}, bind-mounted in the daemon's private mount namespace;
 *       {@code JheartbeatNode.launchWith} runs the daemon under {@code unshare --mount}), with a
 *       jheartbeat and with a real survivor; {@link org.jheartbeat.e2e.SplitBrainIT} (prefix
 *       {@code jhb-sb-}): partition with the ping-node tie-breaker, then heal.</li>
 * </ul>
 *
 * <p>Things that bite (see also /work/shared/NAMESPACE-NOTES.md): the link query is
 * {@code cl_status hblinkstatus}, not {@code linkstatus}; other worktrees run their own real
 * heartbeats in their own {@code jhb-*} namespaces at the same time, so "no heartbeat left" must be
 * checked per namespace (by netns inode), never machine-wide; each test class needs its own
 * namespace prefix ({@code jhb-e2e-}, {@code jhb-e2l-}, {@code jhb-wk-}, {@code jhb-fw-}, {@code jhb-fs-}, {@code jhb-fen-}, {@code jhb-sb-},
 * {@code jhb-cts-} for the CTS suite in {@code org.jheartbeat.cts}, {@code jhb-bf-} for the benchmarks in
 * {@code org.jheartbeat.bench}) because {@code Netns} deletes leftovers of
 * its prefix on construction; the holder must be checked to be in its own mount namespace before
 * any bind mount (a race would mount over the host's {@code /etc/ha.d}); {@code ip netns pids}
 * lists the holder too, so a node's kill9 must spare it while close() must not; lighttpd daemonises,
 * so it is no descendant of the jheartbeat daemon and a power-off must kill the whole namespace; the
 * poller must open a fresh connection per poll (a pooled connection to the old node hides the
 * move), and its stdin is its lifeline (it exits when the test JVM goes).
 */
package org.jheartbeat.e2e;
