/**
 * Benchmarks of issue 7 that reuse the end-to-end harness, and their CI run.
 *
 * <ul>
 *   <li>{@link org.jheartbeat.stability.StabilityBench} ({@code bench/stability}, namespaces
 *       {@code jhb-st-}): two daemons at keepalive 50 ms / deadtime 250 ms in a
 *       {@link org.jheartbeat.e2e.TwoNodeLab}, each beside niced busy loops, run as the systemd
 *       unit runs them (launcher JVM flags, {@code chrt -r 1}); the report
 *       ({@link org.jheartbeat.stability.StabilityReport}) takes false deaths from the logs and the
 *       largest heartbeat gap and loop lateness from the daemons' own metrics, with a
 *       {@link org.jheartbeat.stability.StallProbe} as the machine's reference.
 *       {@link org.jheartbeat.stability.StabilityIT} is its two-minute CI run: it reports timing and
 *       asserts only that the daemons lived and heard each other.</li>
 *   <li>{@link org.jheartbeat.stability.ScaleBench} ({@code bench/scale}, namespaces {@code jhb-sc-}):
 *       N daemons, one JVM each, on one bridge at keepalive 200 ms.</li>
 *   <li>{@link org.jheartbeat.stability.ProcStats} and
 *       {@link org.jheartbeat.stability.PrometheusText}: CPU/RSS from {@code /proc} and the samples of
 *       a {@code /metrics} answer.</li>
 * </ul>
 *
 * <p>The benchmarks run as mains with the test class path ({@code bench/lib/run-test-main}). The
 * two prefixes must not be used by anything else: {@code Netns} deletes leftovers of its prefix
 * when it starts, so a second run of the same benchmark ends the first.
 */
package org.jheartbeat.stability;
