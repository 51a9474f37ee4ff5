package dev.zkleader.fault;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

import dev.zkleader.harness.time.Pause;
import dev.zkleader.harness.zookeeper.ZooKeeperEnsemble;
import dev.zkleader.harness.zookeeper.ZooKeeperServer;

/**
 * Injects one fault at a time into the leading instance or the ensemble, and returns once
 * it is healed (the ensemble serving again, the process resumed, the cut restored).
 */
final class Nemesis {

	private final ZooKeeperEnsemble ensemble;

	private final Duration sessionTimeout;

	private final Random random;

	private final Replacement replacement;

	Nemesis(ZooKeeperEnsemble ensemble, Duration sessionTimeout, Random random, Replacement replacement) {
		this.ensemble = ensemble;
		this.sessionTimeout = sessionTimeout;
		this.random = random;
		this.replacement = replacement;
	}

	Fault inject(int number, FaultKind kind, Instance leader, long token) throws IOException {
		// Longer than the session (or, for the quorum, the lease) by a random margin.
		long margin = 500 + this.random.nextInt(1000);
		Duration hold = this.sessionTimeout.plusMillis(margin);
		long injected = System.currentTimeMillis();
		String id = leader.id();
		switch (kind) {
			case KILL -> {
				leader.process().kill();
				leader.closeProxies();
				this.replacement.replace(leader);
				return new Fault(number, kind, id, id, token, injected, injected, injected);
			}
			case PAUSE -> {
				leader.process().pause();
				Pause.of(hold);
				leader.process().resume();
				return new Fault(number, kind, id, id, token, injected, System.currentTimeMillis(), injected);
			}
			case PARTITION -> {
				leader.cut();
				Pause.of(hold);
				leader.heal();
				return new Fault(number, kind, id, id, token, injected, System.currentTimeMillis(), injected);
			}
			case RESET -> {
				leader.reset();
				return new Fault(number, kind, id, id, 0, injected, injected, injected);
			}
			default -> {
				List<Long> hits = new ArrayList<>(List.of(injected));
				String victim = hitEnsemble(kind, leader, this.sessionTimeout.dividedBy(2).plusMillis(margin), hits);
				long serving = System.currentTimeMillis();
				return new Fault(number, kind, victim, id, 0, injected, serving, serving, List.copyOf(hits));
			}
		}
	}

	// Returns what was hit, once the ensemble serves again; adds the start of each
	// further blow to the hits.
	private String hitEnsemble(FaultKind kind, Instance leader, Duration overLease, List<Long> hits)
			throws IOException {
		switch (kind) {
			case ZK_RESTART -> {
				this.ensemble.members().forEach(ZooKeeperServer::kill);
				this.ensemble.startStoppedMembers();
				return "ensemble";
			}
			case FOLLOWER_RESTART -> {
				ZooKeeperServer follower = followerOf(leader);
				follower.restart();
				return "zookeeper-" + follower.id();
			}
			case LEADER_RESTART -> {
				ZooKeeperServer member = this.ensemble.awaitLeader();
				member.restart();
				this.ensemble.awaitLeader();
				return "zookeeper-" + member.id() + " (leader)";
			}
			case ROLLING_RESTART -> {
				List<ZooKeeperServer> order = this.ensemble.rollingRestart((member) -> {
					this.ensemble.awaitLeader();
					// The next member goes down now.
					hits.add(System.currentTimeMillis());
				});
				hits.remove(hits.size() - 1);
				return "ensemble (" + order.stream().map((member) -> "zookeeper-" + member.id()).toList() + ")";
			}
			case QUORUM_LOSS -> {
				ZooKeeperServer first = this.ensemble.awaitLeader();
				ZooKeeperServer second = followerOf(leader);
				first.stop();
				second.stop();
				Pause.of(overLease);
				this.ensemble.startStoppedMembers();
				this.ensemble.awaitLeader();
				return "zookeeper-" + first.id() + " and zookeeper-" + second.id();
			}
			default -> throw new IllegalStateException("Not a fault of the ensemble: " + kind);
		}
	}

	// The follower the leading instance is connected to, or any follower when it is
	// connected to the ensemble's leader.
	private ZooKeeperServer followerOf(Instance leader) {
		this.ensemble.awaitLeader();
		List<ZooKeeperServer> followers = new ArrayList<>(this.ensemble.followers());
		OptionalInt connected = leader.connectedMember();
		return followers.stream()
			.filter((member) -> connected.isPresent() && member.id() == connected.getAsInt())
			.findFirst()
			.orElseGet(() -> followers.get(this.random.nextInt(followers.size())));
	}

	/**
	 * Starts a replacement for a killed instance, so that the count stays.
	 */
	@FunctionalInterface
	interface Replacement {

		void replace(Instance killed) throws IOException;

	}

}
