/**
 * The benchmarks behind {@code bench/failover} and {@code bench/footprint} (root, namespaces
 * {@code jhb-bf-*}): {@link org.jheartbeat.bench.FailoverBench} runs the tutorial topology of the
 * end-to-end harness for the real Heartbeat 3.0.6 and for jheartbeat at once
 * ({@link org.jheartbeat.bench.BenchLab}), strikes the serving node (crash, graceful stop,
 * hb_standby) while {@link org.jheartbeat.bench.BenchPoller} polls the VIP every 10 ms with
 * overlapping requests, and reads each run as a {@link org.jheartbeat.bench.ClientTimeline} and
 * the handover's first log line ({@link org.jheartbeat.bench.LogWatch});
 * {@link org.jheartbeat.bench.ResultTable} prints min / median / max ({@link
 * org.jheartbeat.bench.Summary}) and the ratio of the medians.
 * {@link org.jheartbeat.bench.FootprintBench} samples both daemons' processes
 * ({@link org.jheartbeat.bench.ProcSample}: CPU ticks, RSS, PSS) in the same run. The pure
 * pieces (Summary, ResultTable, Measurement, ClientTimeline, ProcSample) have unit tests that run
 * in CI; the benchmarks themselves do not. Results: docs/benchmarks.md.
 */
package org.jheartbeat.bench;
