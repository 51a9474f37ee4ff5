package dev.zkleader.fault;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import dev.zkleader.harness.net.TcpProxy;
import dev.zkleader.harness.process.ChildProcess;
import dev.zkleader.harness.zookeeper.ZooKeeperEnsemble;
import dev.zkleader.harness.zookeeper.ZooKeeperServer;

/**
 * One running instance of the test application and its way to ZooKeeper: a proxy of its
 * own in front of every ensemble member, so that the nemesis can cut or reset this
 * instance's connection alone, wherever the client is connected, and the client can still
 * move to another member when one goes down.
 */
final class Instance {

	private final String id;

	private final ChildProcess process;

	private final List<TcpProxy> proxies;

	private Instance(String id, ChildProcess process, List<TcpProxy> proxies) {
		this.id = id;
		this.process = process;
		this.proxies = proxies;
	}

	/**
	 * Opens the proxies of a new instance.
	 * @param id its participant id
	 * @param ensemble the members to reach
	 * @return the proxies, one per member in the order of their ids
	 * @throws IOException if a proxy cannot listen
	 */
	static List<TcpProxy> proxies(String id, ZooKeeperEnsemble ensemble) throws IOException {
		List<TcpProxy> proxies = new ArrayList<>();
		for (ZooKeeperServer member : ensemble.members()) {
			proxies.add(new TcpProxy(id + "-zk" + member.id(), member.clientPort()));
		}
		return List.copyOf(proxies);
	}

	static Instance of(String id, ChildProcess process, List<TcpProxy> proxies) {
		return new Instance(id, process, proxies);
	}

	static String connectString(List<TcpProxy> proxies) {
		return proxies.stream().map(TcpProxy::connectString).collect(Collectors.joining(","));
	}

	String id() {
		return this.id;
	}

	ChildProcess process() {
		return this.process;
	}

	/**
	 * The member this instance's client is connected to now, as its proxies tell.
	 * @return the member's id, empty while it connects nowhere
	 */
	OptionalInt connectedMember() {
		for (int i = 0; i < this.proxies.size(); i++) {
			if (this.proxies.get(i).openSockets() > 0) {
				return OptionalInt.of(i + 1);
			}
		}
		return OptionalInt.empty();
	}

	/**
	 * Blackholes every way of this instance to ZooKeeper.
	 */
	void cut() {
		this.proxies.forEach(TcpProxy::cut);
	}

	/**
	 * Resets this instance's connection, wherever it is: the client notices at once.
	 */
	void reset() {
		this.proxies.forEach(TcpProxy::reset);
	}

	void heal() {
		this.proxies.forEach(TcpProxy::restore);
		if (this.process.isAlive()) {
			this.process.resume();
		}
	}

	void closeProxies() {
		for (TcpProxy proxy : this.proxies) {
			try {
				proxy.close();
			}
			catch (IOException ex) {
				// Closing anyway.
			}
		}
	}

}
