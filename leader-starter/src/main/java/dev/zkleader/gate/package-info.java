/**
 * Method gating: the advisor that lets {@link dev.zkleader.LeaderOnly} methods run on the
 * leader only.
 */
@NullMarked
package dev.zkleader.gate;

import org.jspecify.annotations.NullMarked;
