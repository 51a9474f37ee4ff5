/**
 * The sample application without the starter, for the footprint baseline: a package of
 * its own, so that its component scan finds nothing else.
 */
@NullMarked
package dev.zkleader.benchmarks.footprint.plain;

import org.jspecify.annotations.NullMarked;
