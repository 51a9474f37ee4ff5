package dev.zkleader.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Who led which named election when, as read from the instances' logs (the sample's
 * leadership lines name the election; every time comes from the instance that logged it,
 * all on this machine's clock).
 */
final class BalanceTimeline {

	private static final Pattern GRANTED = Pattern
		.compile("(\\S+) is now the leader of election '([^']+)' \\(granted at (\\S+)\\)");

	private static final Pattern REVOKED = Pattern
		.compile("(\\S+) is no longer the leader of election '([^']+)' \\((\\w+) at (\\S+)\\)");

	/**
	 * A change of leadership of one election.
	 *
	 * @param instance who
	 * @param election which election
	 * @param granted whether it was granted (else revoked)
	 * @param reason the revocation's reason, empty for a grant
	 * @param time when
	 */
	record Change(String instance, String election, boolean granted, String reason, Instant time) {
	}

	/**
	 * One leadership of one election.
	 *
	 * @param instance who led
	 * @param election which election
	 * @param start when it was granted
	 * @param end when it was revoked, or {@code null} while it lasts
	 * @param reason why it ended, empty while it lasts
	 */
	record Leadership(String instance, String election, Instant start, @Nullable Instant end, String reason) {

		boolean lasts() {
			return this.end == null;
		}

	}

	private final List<Change> changes = new ArrayList<>();

	/**
	 * Reads one log line of an instance.
	 * @param line the line
	 * @return the change the line reports, if any
	 */
	static Optional<Change> parse(String line) {
		Matcher matcher = GRANTED.matcher(line);
		if (matcher.find()) {
			return Optional
				.of(new Change(matcher.group(1), matcher.group(2), true, "", Instant.parse(matcher.group(3))));
		}
		matcher = REVOKED.matcher(line);
		if (matcher.find()) {
			return Optional.of(new Change(matcher.group(1), matcher.group(2), false, matcher.group(3),
					Instant.parse(matcher.group(4))));
		}
		return Optional.empty();
	}

	synchronized void add(Change change) {
		this.changes.add(change);
		notifyAll();
	}

	/**
	 * Ends what an instance still leads, when its process has ended without saying so (a
	 * crash, or a kill after the grace period).
	 * @param instance the instance
	 * @param time when its process ended
	 */
	void ended(String instance, Instant time) {
		leaderships().stream()
			.filter((leadership) -> leadership.lasts() && leadership.instance().equals(instance))
			.forEach((leadership) -> add(new Change(instance, leadership.election(), false, "PROCESS_ENDED", time)));
	}

	synchronized int size() {
		return this.changes.size();
	}

	/**
	 * Waits for another change, or until the deadline.
	 * @param seen how many changes the caller has seen
	 * @param deadline {@link System#nanoTime()} at which to give up
	 * @throws InterruptedException if interrupted
	 */
	synchronized void awaitMoreThan(int seen, long deadline) throws InterruptedException {
		while (this.changes.size() <= seen) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return;
			}
			TimeUnit.NANOSECONDS.timedWait(this, remaining);
		}
	}

	/**
	 * Every leadership, in the order they began.
	 * @return the leaderships
	 */
	synchronized List<Leadership> leaderships() {
		List<Change> ordered = new ArrayList<>(this.changes);
		ordered.sort(Comparator.comparing(Change::time));
		List<Leadership> result = new ArrayList<>();
		for (Change grant : ordered) {
			if (!grant.granted()) {
				continue;
			}
			Change end = ordered.stream()
				.filter((change) -> !change.granted() && change.instance().equals(grant.instance())
						&& change.election().equals(grant.election()) && !change.time().isBefore(grant.time()))
				.findFirst()
				.orElse(null);
			result.add(new Leadership(grant.instance(), grant.election(), grant.time(),
					(end != null) ? end.time() : null, (end != null) ? end.reason() : ""));
		}
		return result;
	}

	/**
	 * The elections each instance leads now, counting only the given instances.
	 * @param instances the instances that run
	 * @return per instance (all of them, in order), the elections it leads
	 */
	Map<String, List<String>> current(List<String> instances) {
		Map<String, List<String>> led = new TreeMap<>();
		instances.forEach((instance) -> led.put(instance, new ArrayList<>()));
		for (Leadership leadership : leaderships()) {
			if (leadership.lasts() && led.containsKey(leadership.instance())) {
				led.get(leadership.instance()).add(leadership.election());
			}
		}
		return led;
	}

	/**
	 * Whether every election has one leader among the instances and their counts differ
	 * by at most one: the spread the balancer aims for.
	 * @param instances the instances that run
	 * @param elections the elections
	 * @return whether the spread is balanced
	 */
	boolean balanced(List<String> instances, List<String> elections) {
		Map<String, List<String>> led = current(instances);
		List<String> all = led.values().stream().flatMap(List::stream).sorted().toList();
		if (!all.equals(elections.stream().sorted().toList())) {
			return false;
		}
		int most = led.values().stream().mapToInt(List::size).max().orElse(0);
		int fewest = led.values().stream().mapToInt(List::size).min().orElse(0);
		return most - fewest <= 1;
	}

	/**
	 * For every leadership that was given up (yielded, or handed over at shutdown), the
	 * time until the next leader of the same election was granted.
	 * @param reason the revocation reason to count
	 * @return the gaps in milliseconds, in order
	 */
	List<Long> handoverGapsMillis(String reason) {
		List<Leadership> leaderships = leaderships();
		List<Long> gaps = new ArrayList<>();
		for (Leadership ended : leaderships) {
			Instant end = ended.end();
			if (end == null || !ended.reason().equals(reason)) {
				continue;
			}
			leaderships.stream()
				.filter((next) -> next.election().equals(ended.election()) && !next.start().isBefore(end))
				.findFirst()
				.ifPresent((next) -> gaps.add(Duration.between(end, next.start()).toMillis()));
		}
		return gaps;
	}

	/**
	 * Leaderships of one election that overlap in time: two instances leading it at once.
	 * There must be none.
	 * @return descriptions of each overlap
	 */
	List<String> overlaps() {
		List<Leadership> leaderships = leaderships();
		List<String> overlaps = new ArrayList<>();
		for (int i = 0; i < leaderships.size(); i++) {
			for (int j = i + 1; j < leaderships.size(); j++) {
				Leadership earlier = leaderships.get(i);
				Leadership later = leaderships.get(j);
				Instant end = earlier.end();
				if (earlier.election().equals(later.election()) && (end == null || later.start().isBefore(end))) {
					overlaps.add(later.instance() + " led '" + later.election() + "' from " + later.start() + " while "
							+ earlier.instance() + " still led it");
				}
			}
		}
		return overlaps;
	}

}
