/**
 * Cluster membership as Heartbeat 3.0.6 does it (spec membership §1–§3, wire §6.1, §7): who is in
 * the cluster, who is alive, which links work, and the reliable sequenced channel beneath.
 *
 * <p>{@link org.jheartbeat.membership.Membership} is the engine and the only public entry: the
 * event loop hands it every authenticated, decoded {@link org.jheartbeat.wire.Message} with the
 * link it came on ({@code receive}), and it hands fully stamped messages to an
 * {@link org.jheartbeat.membership.Outbox}. Behind it, one rule per class: {@code NodeTable}
 * (entries, links, dead times), {@code ControlStamper} (control fields), {@code SendHistory}
 * (500 sent messages for retransmission), {@code ReceiveSequencing} with {@code SequenceTracker},
 * {@code AckPolicy} and {@code Retransmitter} (generations, gaps, ACKs, NS_rexmit requests),
 * {@code RexmitServer} (answering NS_rexmit), {@code RateBudget} (the per-node caps on requests and
 * retransmissions, whose broadcasts otherwise grow with N² times the loss), {@code FailureDetector} (late/dead nodes),
 * {@code LinkMonitor} (link up/dead), {@code NodeListExchange} (reqnodes/repnodes, comm up) and
 * {@code StallWatch} (this node's own stalls, whose silence is not held against its peers).
 * Edges go to a {@link org.jheartbeat.membership.MembershipListener}; readers on other threads
 * take a {@link org.jheartbeat.membership.MembershipSnapshot} through the loop.
 *
 * <p>Pure and single-threaded: no locks, sockets, threads or system clock. Time comes from the
 * injected {@link org.jheartbeat.runtime.Clock}, timers from the injected
 * {@link org.jheartbeat.runtime.Scheduler}, randomness (ACK trigger digits, retransmission delays)
 * from an injected {@link java.util.random.RandomGenerator}, so a simulated cluster on a manual
 * scheduler is fully deterministic.
 */
package org.jheartbeat.membership;
