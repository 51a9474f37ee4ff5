/**
 * The balance demo: the leaderships of named elections spread across instances as they
 * join and leave.
 */
package dev.zkleader.demo.balance;
