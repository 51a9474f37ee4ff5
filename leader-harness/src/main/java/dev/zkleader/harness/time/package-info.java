/**
 * Pauses of drivers and harness code (pacing a nemesis, polling a process for readiness);
 * nothing is asserted after one.
 */
@NullMarked
package dev.zkleader.harness.time;

import org.jspecify.annotations.NullMarked;
