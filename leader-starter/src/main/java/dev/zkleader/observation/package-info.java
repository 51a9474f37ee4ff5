/**
 * Micrometer observations of {@link dev.zkleader.LeaderOnly} calls: the
 * {@code leader.only.execution} observation, its context, its documented convention and
 * the observer the gate calls. Used only when the application has an
 * {@code ObservationRegistry}.
 */
@NullMarked
package dev.zkleader.observation;

import org.jspecify.annotations.NullMarked;
