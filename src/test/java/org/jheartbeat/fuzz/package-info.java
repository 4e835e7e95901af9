/**
 * A small seeded mutation fuzzer for everything that reads untrusted bytes: the packet decoder,
 * the netstring and classic codecs, and the parsers of ha.cf, authkeys and haresources.
 *
 * <p>A {@link org.jheartbeat.fuzz.FuzzTarget} owns a seed corpus (real captured packets and spec
 * vectors; the repository's example and test configurations), turns a per-case random generator
 * into one mutated input ({@link org.jheartbeat.fuzz.ByteMutator} at byte level, {@link
 * org.jheartbeat.fuzz.TextMutator} at line and field level for the text formats) and checks its
 * oracles on it: only the documented failure forms escape (a decode reason, a problem list with
 * file and line), what decodes round-trips through both codecs and verifies once signed, what
 * loads dumps to text that loads to the same configuration. {@link org.jheartbeat.fuzz.FuzzRunner}
 * runs the cases on a worker thread under a per-case deadline and an allocation bound, measures
 * the heap before and after, and reports a failure with the seed, the case index and the input in
 * hex. Case {@code i} of seed {@code s} depends only on {@code (target, s, i)}, so one case replays
 * alone. {@link org.jheartbeat.fuzz.FuzzTest} runs thousands of cases per target in CI; {@link
 * org.jheartbeat.fuzz.FuzzMain} is {@code scripts/fuzz}, the long run.
 */
package org.jheartbeat.fuzz;
