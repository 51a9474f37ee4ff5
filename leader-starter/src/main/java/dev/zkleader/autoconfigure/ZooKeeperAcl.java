package dev.zkleader.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

/**
 * Access control list of the znodes the starter's ZooKeeper client creates: the
 * election's latch nodes and the parent nodes of the election path that do not exist yet.
 * Nodes that already exist keep theirs.
 */
public enum ZooKeeperAcl {

	/**
	 * Full rights for the identity the client authenticated as, read for everyone: other
	 * clients can see who leads, but cannot join the election, delete a latch node or
	 * change its data.
	 */
	CREATOR_ALL_WORLD_READ(Arrays.asList(new ACL(ZooDefs.Perms.ALL, ZooDefs.Ids.AUTH_IDS),
			new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE))),

	/**
	 * Full rights for the identity the client authenticated as, nothing for anyone else.
	 */
	CREATOR_ALL(ZooDefs.Ids.CREATOR_ALL_ACL),

	/**
	 * Full rights for everyone (ZooKeeper's OPEN_ACL_UNSAFE).
	 */
	OPEN(ZooDefs.Ids.OPEN_ACL_UNSAFE);

	private final List<ACL> acl;

	ZooKeeperAcl(List<ACL> acl) {
		// Not List.copyOf: ZooKeeper asks the list whether it contains null, which
		// immutable lists answer with a NullPointerException.
		this.acl = Collections.unmodifiableList(new ArrayList<>(acl));
	}

	List<ACL> acl() {
		return this.acl;
	}

	/**
	 * Whether this ACL grants rights to the creator's authenticated identity, so that the
	 * client must have one to create nodes.
	 * @return whether the client must authenticate
	 */
	boolean needsIdentity() {
		return this != OPEN;
	}

	// Every node the client creates, parents included: a parent that anyone could write
	// would let anyone add participants to the election or delete and recreate it.
	ACLProvider provider() {
		return new ACLProvider() {

			@Override
			public List<ACL> getDefaultAcl() {
				return ZooKeeperAcl.this.acl;
			}

			@Override
			public List<ACL> getAclForPath(String path) {
				return ZooKeeperAcl.this.acl;
			}

		};
	}

}
