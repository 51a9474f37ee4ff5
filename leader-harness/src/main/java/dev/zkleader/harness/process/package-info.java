/**
 * Child JVM processes: started with a class path, their output in a log file (optionally
 * also line by line to a listener), their PIDs in a file, signalled (SIGSTOP, SIGCONT,
 * SIGTERM, SIGKILL) by their own handle, and all ended when their registry closes, also
 * when the caller fails or the JVM is shut down.
 */
@NullMarked
package dev.zkleader.harness.process;

import org.jspecify.annotations.NullMarked;
