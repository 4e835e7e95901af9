/**
 * Time and the single event loop (HOUSE-STYLE "Concurrency model").
 *
 * <p>{@link org.jheartbeat.runtime.Clock} and {@link org.jheartbeat.runtime.Scheduler} are the
 * seams through which domain code sees time; {@link org.jheartbeat.runtime.EventLoop} is the real
 * implementation: one thread {@code hb-loop} that owns all cluster state, runs posted events and
 * timers, never dies of a failing task and measures its own lateness. Tests use
 * {@code testkit.ManualClock} and {@code testkit.ManualScheduler} instead. {@link
 * org.jheartbeat.runtime.LogThrottle} is the one "warn at most once per interval" rule of every
 * package whose warnings could otherwise repeat at packet rate; this package depends on no other.
 */
package org.jheartbeat.runtime;
