/**
 * Deterministic whole-cluster simulation (issue 6): N jheartbeat nodes in one JVM, each built as
 * the daemon builds it — {@link org.jheartbeat.daemon.NodeMessaging} (membership, signing,
 * authentication), {@link org.jheartbeat.resources.ResourceManager} and {@link
 * org.jheartbeat.resources.GroupRunner} over scripted agents ({@link org.jheartbeat.sim.SimMachine})
 * — on virtual time ({@code testkit.ManualScheduler}) and the seeded {@link
 * org.jheartbeat.transport.InMemoryNetwork}, each node on its own {@link org.jheartbeat.sim.SimLoop}
 * that can be paused (a stalled JVM) or killed (a crash).
 *
 * <p>A run ({@link org.jheartbeat.sim.SimRun}) starts the nodes, injects faults drawn from {@link
 * org.jheartbeat.sim.Faults} and checks {@link org.jheartbeat.sim.Invariants} every 250 ms of
 * virtual time and after every fault; at the end it heals everything and requires a settled
 * cluster. Everything random derives from the seed, so a failing seed (printed with its
 * violations, a compact trace of faults and transitions, and the daemons' last log lines) replays
 * exactly: {@code -Djheartbeat.sim.seed=N} or {@code scripts/sim --seed N}.
 *
 * <p><b>Adding a fault kind</b>: append a {@link org.jheartbeat.sim.Faults.Kind} to {@code
 * Faults.ALL} — a name, the time the cluster needs to recover after it, and an injector that draws
 * only from the {@code Random} it is given and ends a temporary fault with {@link
 * org.jheartbeat.sim.SimWorld#later}. The world offers the network's fault plan ({@code
 * network.faults()}), {@code block}/{@code cut}/{@code healNetwork} (which the invariants know
 * about), the nodes ({@code crash}, {@code stop}, {@code start}, {@code loop().pause()}, the wall
 * {@code clock.jump}), each machine's agent behaviour ({@code machine.behave}) and the attacker
 * ({@code inject}, {@code captured}). A new kind changes what every seed draws: rerun {@code
 * scripts/sim --seeds 1000} and update {@code ClusterSimulationTest.KNOWN_OPEN} and the
 * regression seeds there. <b>Adding an invariant</b>: implement {@link
 * org.jheartbeat.sim.Invariant} and list it in {@code Invariants.all()}; for "bad for too long"
 * properties extend {@code Invariants.Episodes}, which waits {@code SETTLE} beyond the latest
 * fault's recovery time and reports each episode once. Properties that must hold at every
 * instant are reported straight to {@link org.jheartbeat.sim.SimWorld#violation} where they are
 * observed (see {@code SimWorld.observerFor}).
 *
 * <p><b>Fencing</b>: {@link org.jheartbeat.sim.FencingSimulationTest} sets a {@link
 * org.jheartbeat.sim.SimFencing} on the world before the nodes start (STONITH devices, the ping
 * node, {@code split_brain_policy}) and draws from its own fault list and seed range; the plain
 * simulation leaves it null and is unchanged by it.
 */
package org.jheartbeat.sim;
