/**
 * The command line of the drivers ({@code ./demo.sh}, {@code ./fault-suite.sh},
 * {@code benchmarks/run.sh}): options, durations, usage and exit codes.
 */
@NullMarked
package dev.zkleader.harness.cli;

import org.jspecify.annotations.NullMarked;
