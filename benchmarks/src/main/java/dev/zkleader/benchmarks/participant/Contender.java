package dev.zkleader.benchmarks.participant;

import java.util.List;
import java.util.function.Function;

/**
 * The election implementations compared.
 */
public enum Contender {

	/**
	 * Raw Curator {@code LeaderLatch}: latch close, next {@code isLeader()}.
	 */
	RAW("raw Curator LeaderLatch", (settings) -> new RawLatchMembership(settings, false, false)),

	/**
	 * Raw Curator {@code LeaderLatch} on a client with Curator's
	 * {@code SessionConnectionStateErrorPolicy}: leadership ends only when the session is
	 * lost, not when the connection is suspended.
	 */
	RAW_SESSION_POLICY("raw Curator LeaderLatch, session error policy",
			(settings) -> new RawLatchMembership(settings, false, true)),

	/**
	 * Spring Integration's ZooKeeper {@code LeaderInitiator}: context close, next
	 * {@code OnGrantedEvent}.
	 */
	SPRING_INTEGRATION("Spring Integration LeaderInitiator", SpringIntegrationMembership::new),

	/**
	 * This starter: context close, next {@code LeadershipGrantedEvent}.
	 */
	STARTER("this starter", StarterMembership::new),

	/**
	 * Diagnosis: raw Curator with its latch listener called on a thread of its own (as
	 * the starter registers its listener), to measure what that hand-off costs.
	 */
	RAW_LISTENER_THREAD("diagnosis: raw LeaderLatch, listener on its own thread",
			(settings) -> new RawLatchMembership(settings, true, false)),

	/**
	 * Diagnosis: this starter with its election's INFO lines switched off, to measure
	 * what writing them costs.
	 */
	STARTER_QUIET("diagnosis: this starter, election logging at WARN",
			(settings) -> new StarterMembership(settings.withSpringArguments("--logging.level.dev.zkleader=WARN")));

	/**
	 * The contenders of the published comparison.
	 */
	public static final List<Contender> COMPARED = List.of(RAW, SPRING_INTEGRATION, STARTER);

	/**
	 * The contenders of the ZooKeeper maintenance benchmark.
	 */
	public static final List<Contender> MAINTENANCE = List.of(RAW, RAW_SESSION_POLICY, SPRING_INTEGRATION, STARTER);

	private final String title;

	private final Function<Settings, Membership> membership;

	Contender(String title, Function<Settings, Membership> membership) {
		this.title = title;
		this.membership = membership;
	}

	public String title() {
		return this.title;
	}

	/**
	 * A short name for progress lines and ratio labels.
	 * @return the name
	 */
	public String shortName() {
		return switch (this) {
			case RAW -> "raw";
			case RAW_SESSION_POLICY -> "raw-session";
			case SPRING_INTEGRATION -> "SI";
			case STARTER -> "ours";
			case RAW_LISTENER_THREAD -> "raw+thread";
			case STARTER_QUIET -> "ours-quiet";
		};
	}

	/**
	 * Whether the contender is this starter's code (whatever its configuration).
	 * @return {@code true} for the starter's contenders
	 */
	public boolean isStarter() {
		return this == STARTER || this == STARTER_QUIET;
	}

	/**
	 * Whether the contender is a Spring Boot application (and logs through Boot's
	 * defaults).
	 * @return {@code true} for Spring Integration and this starter
	 */
	public boolean isSpringBoot() {
		return this == SPRING_INTEGRATION || isStarter();
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
