package dev.zkleader.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What happened, as read from the instances' logs: when each instance became leader and
 * how its leadership ended. Every time comes from the instance that logged it (all on
 * this machine's clock).
 */
final class Timeline {

	enum Kind {

		LAUNCHED, GRANTED, REVOKED, CRASHED, EXITED, PROCESS_ENDED,

		/**
		 * A run of the leader's job; the detail is the fencing token it ran with.
		 */
		JOB_RUN

	}

	record Event(String instance, Kind kind, Instant time, String detail) {
	}

	/**
	 * One leadership: from the granted event to the moment it ended.
	 *
	 * @param instance who led
	 * @param start when leadership was granted
	 * @param end when it ended: the revoked event, the crash, or the end of the process,
	 * whichever came first; {@code null} while it lasts
	 * @param ending how it ended
	 */
	record Leadership(String instance, Instant start, Instant end, Kind ending) {

		boolean ended() {
			return this.end != null;
		}

		Duration length() {
			return Duration.between(this.start, this.end);
		}

	}

	private static final Pattern GRANTED = Pattern.compile("(\\S+) is now the leader \\(granted at (\\S+)\\)");

	private static final Pattern REVOKED = Pattern.compile("(\\S+) is no longer the leader \\((\\w+) at (\\S+)\\)");

	private static final Pattern CRASHED = Pattern.compile("(\\S+) crashing now .* at (\\S+)$");

	private static final Pattern EXITED = Pattern.compile("(\\S+) exiting gracefully .* at (\\S+)$");

	// The line's time is the log's own time stamp, its first word.
	private static final Pattern JOB_RUN = Pattern
		.compile("^(\\S+) .*Leader job run #\\d+ on (\\S+) \\(fencing token (\\d+)\\)");

	private final List<Event> events = new ArrayList<>();

	/**
	 * Reads one log line of an instance.
	 * @param line the line
	 * @return the event the line reports, if any
	 */
	static Optional<Event> parse(String line) {
		Matcher matcher = GRANTED.matcher(line);
		if (matcher.find()) {
			return Optional.of(new Event(matcher.group(1), Kind.GRANTED, Instant.parse(matcher.group(2)), ""));
		}
		matcher = REVOKED.matcher(line);
		if (matcher.find()) {
			return Optional
				.of(new Event(matcher.group(1), Kind.REVOKED, Instant.parse(matcher.group(3)), matcher.group(2)));
		}
		matcher = CRASHED.matcher(line);
		if (matcher.find()) {
			return Optional.of(new Event(matcher.group(1), Kind.CRASHED, Instant.parse(matcher.group(2)), ""));
		}
		matcher = EXITED.matcher(line);
		if (matcher.find()) {
			return Optional.of(new Event(matcher.group(1), Kind.EXITED, Instant.parse(matcher.group(2)), ""));
		}
		matcher = JOB_RUN.matcher(line);
		if (matcher.find()) {
			Instant at = OffsetDateTime.parse(matcher.group(1)).toInstant();
			return Optional.of(new Event(matcher.group(2), Kind.JOB_RUN, at, matcher.group(3)));
		}
		return Optional.empty();
	}

	synchronized void add(Event event) {
		this.events.add(event);
		notifyAll();
	}

	synchronized List<Event> events() {
		return List.copyOf(this.events);
	}

	/**
	 * Waits for the next event, or until the deadline.
	 * @param deadline {@link System#nanoTime()} at which to give up
	 * @param seen how many events the caller has seen
	 * @throws InterruptedException if interrupted
	 */
	synchronized void awaitMoreThan(int seen, long deadline) throws InterruptedException {
		while (this.events.size() <= seen) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return;
			}
			java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, remaining);
		}
	}

	/**
	 * All leaderships, in the order they began.
	 * @return the leaderships
	 */
	synchronized List<Leadership> leaderships() {
		List<Event> ordered = new ArrayList<>(this.events);
		ordered.sort(Comparator.comparing(Event::time));
		List<Leadership> result = new ArrayList<>();
		for (Event granted : ordered) {
			if (granted.kind() != Kind.GRANTED) {
				continue;
			}
			Event end = ordered.stream()
				.filter((event) -> event.instance().equals(granted.instance()))
				.filter((event) -> !event.time().isBefore(granted.time()))
				.filter((event) -> event.kind() == Kind.REVOKED || event.kind() == Kind.CRASHED
						|| event.kind() == Kind.PROCESS_ENDED)
				.findFirst()
				.orElse(null);
			result.add(new Leadership(granted.instance(), granted.time(), (end != null) ? end.time() : null,
					(end != null) ? end.kind() : null));
		}
		return result;
	}

	/**
	 * The time from the end of each leadership to the start of the next one.
	 * @return the gaps in milliseconds, in order
	 */
	List<Long> failoverGapsMillis() {
		List<Leadership> leaderships = leaderships();
		List<Long> gaps = new ArrayList<>();
		for (int i = 1; i < leaderships.size(); i++) {
			Leadership previous = leaderships.get(i - 1);
			if (previous.ended()) {
				gaps.add(Duration.between(previous.end(), leaderships.get(i).start()).toMillis());
			}
		}
		return gaps;
	}

	/**
	 * Pairs of leaderships that overlap in time: two instances leading at once. There
	 * must be none.
	 * @return descriptions of each overlap
	 */
	List<String> overlaps() {
		List<Leadership> leaderships = leaderships();
		List<String> overlaps = new ArrayList<>();
		for (int i = 0; i < leaderships.size(); i++) {
			for (int j = i + 1; j < leaderships.size(); j++) {
				Leadership earlier = leaderships.get(i);
				Leadership later = leaderships.get(j);
				if (!earlier.ended() || later.start().isBefore(earlier.end())) {
					overlaps.add(later.instance() + " became leader at " + later.start() + " while "
							+ earlier.instance() + " still led");
				}
			}
		}
		return overlaps;
	}

	/**
	 * The runs of the leader's job, whoever ran them, in time order.
	 * @return the runs
	 */
	synchronized List<Event> jobRuns() {
		return this.events.stream()
			.filter((event) -> event.kind() == Kind.JOB_RUN)
			.sorted(Comparator.comparing(Event::time))
			.toList();
	}

	/**
	 * The longest time between two consecutive runs of the leader's job, whoever ran
	 * them.
	 * @return the longest pause, zero with fewer than two runs
	 */
	Duration longestJobPause() {
		List<Event> runs = jobRuns();
		Duration longest = Duration.ZERO;
		for (int i = 1; i < runs.size(); i++) {
			Duration pause = Duration.between(runs.get(i - 1).time(), runs.get(i).time());
			longest = (pause.compareTo(longest) > 0) ? pause : longest;
		}
		return longest;
	}

	synchronized Optional<Instant> first(Kind kind) {
		return this.events.stream().filter((event) -> event.kind() == kind).map(Event::time).min(Instant::compareTo);
	}

}
