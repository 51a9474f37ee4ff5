package dev.zkleader.election;

/**
 * What one answer of ZooKeeper proved: at {@code sentAt} this instance's latch node
 * existed and was owned by the session of client handle {@code handle}, so that session
 * cannot expire before {@code leaseEnd} (see {@code docs/SAFETY.md}).
 *
 * @param path the latch node
 * @param token the node's creation zxid, the fencing token of a leadership on it
 * @param session the session that owns the node
 * @param handle the Curator client's instance index when the request was sent; a new
 * session gets a new one
 * @param sentAt {@link System#nanoTime()} just before the request was sent
 * @param leaseEnd {@link System#nanoTime()} until which the node cannot have been taken
 * from this instance by a session expiry
 */
record Confirmation(String path, long token, long session, long handle, long sentAt, long leaseEnd) {

	boolean validAt(long now, long currentHandle) {
		return this.handle == currentHandle && now - this.leaseEnd < 0;
	}

	/**
	 * The longer of two leases on the same node: each answer proves its own bound.
	 * @param newer a later confirmation of the same node
	 * @return the confirmation to keep
	 */
	Confirmation extendedBy(Confirmation newer) {
		return (newer.leaseEnd - this.leaseEnd > 0) ? newer : this;
	}

	Confirmation ended(long now) {
		return new Confirmation(this.path, this.token, this.session, this.handle, this.sentAt, now);
	}

}
