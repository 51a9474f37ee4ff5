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
	RAW("raw Curator LeaderLatch", (settings) -> new RawLatchMembership(settings, false)),

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
			(settings) -> new RawLatchMembership(settings, true)),

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
