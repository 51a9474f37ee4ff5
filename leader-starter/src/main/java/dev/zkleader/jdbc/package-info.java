/**
 * Fencing-token guards for JDBC writes.
 */
@NullMarked
package dev.zkleader.jdbc;

import org.jspecify.annotations.NullMarked;
