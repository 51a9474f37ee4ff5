package dev.zkleader;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * This instance's view of the leader election. Inject it wherever code needs to know or
 * change who leads.
 */
public interface Leadership {

	/**
	 * The name of the election this view belongs to ({@code default} for the unnamed
	 * one).
	 * @return the election name
	 */
	String election();

	/**
	 * Whether this instance leads now. Reads local state only (no ZooKeeper round trip),
	 * so it is cheap enough to call on every unit of work.
	 * @return {@code true} while this instance holds leadership and its ZooKeeper
	 * connection allows it to act
	 */
	boolean isLeader();

	/**
	 * The fencing token of the current leadership: the creation zxid of this instance's
	 * latch node, which grows with every new leadership in the ensemble. Pass it to the
	 * systems a leader writes to, so that they can refuse the writes of a leader that has
	 * been replaced (see {@code JdbcFence}).
	 * @return the token, or empty when this instance does not lead
	 */
	OptionalLong fencingToken();

	/**
	 * The id under which this instance takes part in the election (stored as the data of
	 * its latch node).
	 * @return the participant id
	 */
	String participantId();

	/**
	 * When this instance became leader.
	 * @return the start of the current leadership, or empty when this instance does not
	 * lead
	 */
	Optional<Instant> leaderSince();

	/**
	 * The participant id of the current leader. Asks ZooKeeper unless this instance
	 * leads.
	 * @return the leader's participant id, or empty when there is no leader or ZooKeeper
	 * cannot be reached
	 */
	Optional<String> leaderId();

	/**
	 * All participants of the election in queue order (the first one leads). Asks
	 * ZooKeeper.
	 * @return participant ids, empty when ZooKeeper cannot be reached
	 */
	List<String> participants();

	/**
	 * Blocks until this instance leads (and its leader-only work may run) or the timeout
	 * passes. Do not call it from a leadership event listener: events are delivered on
	 * the election's own thread.
	 * @param timeout how long to wait at most
	 * @return {@code true} if this instance leads
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	boolean awaitLeadership(Duration timeout) throws InterruptedException;

	/**
	 * Steps down and rejoins the election at the back of the queue, so that another
	 * participant takes over. Does nothing when this instance does not lead.
	 * @return {@code true} if this instance led and has stepped down
	 */
	boolean yieldLeadership();

}
