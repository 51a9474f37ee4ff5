package dev.zkleader.benchmarks.participant;

import java.util.function.Function;

/**
 * The election implementations compared.
 */
public enum Contender {

	/**
	 * Raw Curator {@code LeaderLatch}: latch close, next {@code isLeader()}.
	 */
	RAW("raw Curator LeaderLatch", RawLatchMembership::new),

	/**
	 * Spring Integration's ZooKeeper {@code LeaderInitiator}: context close, next
	 * {@code OnGrantedEvent}.
	 */
	SPRING_INTEGRATION("Spring Integration LeaderInitiator", SpringIntegrationMembership::new),

	/**
	 * This starter: context close, next {@code LeadershipGrantedEvent}.
	 */
	STARTER("this starter", StarterMembership::new);

	private final String title;

	private final Function<Settings, Membership> membership;

	Contender(String title, Function<Settings, Membership> membership) {
		this.title = title;
		this.membership = membership;
	}

	public String title() {
		return this.title;
	}

	Membership membership(Settings settings) {
		return this.membership.apply(settings);
	}

	/**
	 * The ZooKeeper path under which the contender's participants create their nodes.
	 * @param electionPath the path the participants are given
	 * @return where their nodes are
	 */
	public String nodeParent(String electionPath) {
		return (this == SPRING_INTEGRATION) ? electionPath + "/" + SpringIntegrationMembership.ROLE : electionPath;
	}

}
