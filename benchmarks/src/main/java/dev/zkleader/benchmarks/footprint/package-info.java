/**
 * Footprint: start-up time and memory of the sample application with and without the
 * starter.
 */
@NullMarked
package dev.zkleader.benchmarks.footprint;

import org.jspecify.annotations.NullMarked;
