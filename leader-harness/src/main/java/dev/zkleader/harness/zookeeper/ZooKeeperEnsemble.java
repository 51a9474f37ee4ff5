package dev.zkleader.harness.zookeeper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.zkleader.harness.net.LoopbackPorts;
import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.time.Pause;

/**
 * An ensemble of ZooKeeper servers, each a {@code QuorumPeerMain} process on loopback
 * ports of its own, which it keeps across restarts, as it keeps its data directory
 * ({@code member-N/} in the ensemble's directory). Stop, kill, pause or restart one
 * through {@link #member(int)}; {@link #leader()} tells which one leads.
 */
public final class ZooKeeperEnsemble implements AutoCloseable {

	private final List<ZooKeeperServer> members;

	private final Duration readyTimeout;

	private ZooKeeperEnsemble(List<ZooKeeperServer> members, Duration readyTimeout) {
		this.members = members;
		this.readyTimeout = readyTimeout;
	}

	/**
	 * Starts every member and waits until each serves (as the leader or a follower).
	 * @param children where the processes are registered
	 * @param dir a directory of its own
	 * @param size how many members, at least 3
	 * @param options how they run; the client ports are always free ones
	 * @return the serving ensemble
	 * @throws IOException if a member cannot start or the ensemble does not serve in time
	 */
	public static ZooKeeperEnsemble start(ChildProcesses children, Path dir, int size, ServerOptions options)
			throws IOException {
		if (size < 3) {
			throw new IllegalArgumentException("An ensemble needs at least 3 members, not " + size);
		}
		if (options.clientPort() != 0) {
			throw new IllegalArgumentException("An ensemble picks free client ports for its members");
		}
		List<Integer> ports = LoopbackPorts.free(3 * size);
		List<ServerConfig.Peer> peers = new ArrayList<>();
		for (int id = 1; id <= size; id++) {
			peers.add(new ServerConfig.Peer(id, ports.get(3 * id - 2), ports.get(3 * id - 1)));
		}
		List<ZooKeeperServer> members = new ArrayList<>();
		for (ServerConfig.Peer peer : peers) {
			members.add(new ZooKeeperServer(children, options, peer.id(), dir.resolve("member-" + peer.id()),
					ports.get(3 * peer.id() - 3), peers));
		}
		ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble(List.copyOf(members), options.readyTimeout());
		ensemble.startStoppedMembers();
		return ensemble;
	}

	/**
	 * Starts every member that does not run, all at once (one alone cannot serve without
	 * a quorum), and waits until each of them serves, under a leader that every running
	 * member follows (a member that ran alone joins the election and serves again only
	 * once it is over).
	 * @throws IOException if a member cannot start or does not serve in time
	 */
	public void startStoppedMembers() throws IOException {
		List<ZooKeeperServer> stopped = this.members.stream().filter((member) -> !member.isRunning()).toList();
		for (ZooKeeperServer member : stopped) {
			member.spawn();
		}
		for (ZooKeeperServer member : stopped) {
			member.awaitServing();
		}
		awaitLeader();
	}

	public List<ZooKeeperServer> members() {
		return this.members;
	}

	/**
	 * One member.
	 * @param id its {@code myid}, from 1
	 * @return the member
	 */
	public ZooKeeperServer member(int id) {
		if (id < 1 || id > this.members.size()) {
			throw new IllegalArgumentException("No member " + id + " in an ensemble of " + this.members.size());
		}
		return this.members.get(id - 1);
	}

	/**
	 * The connect string with every member, as clients use it.
	 * @return {@code 127.0.0.1:port,127.0.0.1:port,...}
	 */
	public String connectString() {
		return this.members.stream().map(ZooKeeperServer::connectString).collect(Collectors.joining(","));
	}

	/**
	 * The member that leads now, as the members report it ({@code srvr}).
	 * @return the leader, empty while there is none (no quorum, or an election under way)
	 */
	public Optional<ZooKeeperServer> leader() {
		return this.members.stream()
			.filter(ZooKeeperServer::isRunning)
			.filter((member) -> member.mode().filter("leader"::equals).isPresent())
			.findFirst();
	}

	/**
	 * Waits until a member leads and the running members serve.
	 * @return the leader
	 * @throws IllegalStateException if that takes longer than the options' ready timeout
	 */
	public ZooKeeperServer awaitLeader() {
		long deadline = System.nanoTime() + this.readyTimeout.toNanos();
		while (System.nanoTime() < deadline) {
			Optional<ZooKeeperServer> leader = leader();
			boolean allServe = this.members.stream()
				.filter(ZooKeeperServer::isRunning)
				.allMatch((member) -> member.mode().isPresent());
			if (leader.isPresent() && allServe) {
				return leader.get();
			}
			Pause.millis(20);
		}
		throw new IllegalStateException(
				"No leader served within " + this.readyTimeout.toSeconds() + " s among " + this.members);
	}

	/**
	 * The running members that do not lead now.
	 * @return them, by id
	 */
	public List<ZooKeeperServer> followers() {
		Optional<ZooKeeperServer> leader = leader();
		return this.members.stream()
			.filter(ZooKeeperServer::isRunning)
			.filter((member) -> leader.isEmpty() || member != leader.get())
			.toList();
	}

	/**
	 * Restarts every member, one at a time, as operators do: the followers first, the
	 * ensemble's leader last (its restart makes the others elect a new leader).
	 * @param afterEach called with each member once it serves again, before the next one
	 * goes down: to wait for clients, or to mark the moment
	 * @return the members in the order they were restarted
	 * @throws IOException if a member does not serve again in time
	 */
	public List<ZooKeeperServer> rollingRestart(MemberAction afterEach) throws IOException {
		ZooKeeperServer leader = awaitLeader();
		List<ZooKeeperServer> order = new ArrayList<>(followers());
		order.add(leader);
		for (ZooKeeperServer member : order) {
			member.restart();
			afterEach.accept(member);
		}
		return order;
	}

	/**
	 * What to do with a member during a {@link #rollingRestart rolling restart}.
	 */
	@FunctionalInterface
	public interface MemberAction {

		/**
		 * Acts on a member that serves again.
		 * @param member the member
		 * @throws IOException if the action cannot be done
		 */
		void accept(ZooKeeperServer member) throws IOException;

	}

	@Override
	public void close() {
		this.members.forEach(ZooKeeperServer::stop);
	}

}
