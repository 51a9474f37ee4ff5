/**
 * The application under test: a Spring Boot service that uses the leader-election starter
 * like any user would. Its leader-only job writes into the harness's fenced register and
 * it reports its leadership events and election view to the harness.
 */
@NullMarked
package dev.zkleader.fault.app;

import org.jspecify.annotations.NullMarked;
