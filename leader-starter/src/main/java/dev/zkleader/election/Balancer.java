package dev.zkleader.election;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Spreads the leaderships of the balanced elections across the instances that take part,
 * one step at a time. Every instance reads the same queues from ZooKeeper and makes the
 * same decision; each acts only for itself. A step moves one leadership from the instance
 * that leads the most to the one that leads the fewest, when the donor leads more than
 * {@code ceil(E / N)} or the recipient fewer than {@code floor(E / N)} (E balanced
 * elections, N instances), and the two differ by two or more: every step then makes the
 * spread strictly more even, so it never ping-pongs.
 * <p>
 * A step takes two rounds. The followers queued between the donor and the recipient in
 * the chosen election rejoin at the back, so that the recipient is next in line; then the
 * donor yields (draining first, as every yield does) and the recipient is granted in a
 * normal graceful handover.
 */
final class Balancer {

	private static final Log logger = LogFactory.getLog(Balancer.class);

	private final BalanceSettings settings;

	private final Supplier<Map<String, Election>> elections;

	Balancer(BalanceSettings settings, Supplier<Map<String, Election>> elections) {
		this.settings = settings;
		this.elections = elections;
	}

	/**
	 * One round: read the queues, decide, act for this instance.
	 */
	void balance() {
		Map<String, List<String>> queues = new TreeMap<>();
		Map<String, Election> balanced = new TreeMap<>();
		this.elections.get().forEach((name, election) -> {
			if (this.settings.balanced().test(name)) {
				balanced.put(name, election);
				queues.put(name, election.participants());
			}
		});
		if (balanced.isEmpty() || queues.values().stream().anyMatch(List::isEmpty)) {
			// Not connected, or an election still joining: decide on a full picture only.
			return;
		}
		Spread spread = Spread.of(queues);
		if (spread.instances() < 2 || !spread.unbalanced(this.settings.tolerance())) {
			return;
		}
		String donor = spread.donor();
		String recipient = spread.recipient();
		// The first election, by name, that the donor leads and the recipient takes part
		// in.
		for (Map.Entry<String, Election> entry : balanced.entrySet()) {
			List<String> queue = queues.getOrDefault(entry.getKey(), List.of());
			if (queue.get(0).equals(donor) && queue.contains(recipient)) {
				step(entry.getValue(), queue, spread, recipient);
				return;
			}
		}
	}

	private void step(Election election, List<String> queue, Spread spread, String recipient) {
		String me = election.participantId();
		if (me.equals(queue.get(0)) && queue.get(1).equals(recipient)) {
			yieldIfTenured(election, spread, recipient);
		}
		else if (queue.indexOf(me) > 0 && queue.indexOf(me) < queue.indexOf(recipient)) {
			// Make way: the recipient moves up, this follower goes to the back.
			election.requeue();
		}
	}

	private void yieldIfTenured(Election election, Spread spread, String recipient) {
		Instant since = election.leaderSince().orElse(null);
		if (since == null || Duration.between(since, Instant.now()).compareTo(this.settings.minTenure()) < 0) {
			return;
		}
		logger.info("Yielding leadership of election '" + election.election() + "' to balance: this instance leads "
				+ spread.count(election.participantId()) + " of " + spread.elections() + " balanced elections with "
				+ spread.instances() + " instances (fair share " + spread.floor()
				+ ((spread.floor() != spread.ceiling()) ? " to " + spread.ceiling() : "") + "), '" + recipient
				+ "' leads " + spread.count(recipient) + " and is next in line");
		election.yieldInBackground();
	}

	/**
	 * Who leads how many of the balanced elections.
	 *
	 * @param counts leaderships by participant id, including instances that lead none
	 * @param elections how many elections are balanced
	 */
	record Spread(Map<String, Integer> counts, int elections) {

		static Spread of(Map<String, List<String>> queues) {
			Map<String, Integer> counts = new TreeMap<>();
			queues.values().forEach((queue) -> {
				queue.forEach((id) -> counts.putIfAbsent(id, 0));
				counts.merge(queue.get(0), 1, Integer::sum);
			});
			return new Spread(counts, queues.size());
		}

		int instances() {
			return this.counts.size();
		}

		int count(String id) {
			return this.counts.getOrDefault(id, 0);
		}

		int floor() {
			return this.elections / instances();
		}

		int ceiling() {
			return (this.elections + instances() - 1) / instances();
		}

		// The most leaderships, the smallest id first: every instance picks the same one.
		String donor() {
			return this.counts.entrySet()
				.stream()
				.max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
					.thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
				.orElseThrow()
				.getKey();
		}

		String recipient() {
			return this.counts.entrySet()
				.stream()
				.min(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
					.thenComparing(Map.Entry::getKey))
				.orElseThrow()
				.getKey();
		}

		boolean unbalanced(int tolerance) {
			int most = count(donor());
			int fewest = count(recipient());
			boolean outside = most > ceiling() + tolerance || fewest < floor() - tolerance;
			return outside && most - fewest >= 2;
		}

	}

}
