/**
 * Observability: the {@code leader} actuator endpoint, the {@code leader} health
 * indicator and Micrometer metrics. Each reads the elections' local state and can be left
 * out.
 */
@NullMarked
package dev.zkleader.actuate;

import org.jspecify.annotations.NullMarked;
