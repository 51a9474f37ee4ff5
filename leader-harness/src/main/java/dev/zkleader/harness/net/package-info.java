/**
 * Loopback networking: free ports, and a TCP proxy whose connections can be cut silently
 * (a blackhole) or reset.
 */
@NullMarked
package dev.zkleader.harness.net;

import org.jspecify.annotations.NullMarked;
