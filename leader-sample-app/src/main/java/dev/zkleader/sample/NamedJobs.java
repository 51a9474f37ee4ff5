package dev.zkleader.sample;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.zkleader.LeaderOnly;
import dev.zkleader.LeadershipContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Six jobs, each with a leader of its own (named elections), as a service splits its
 * leader-only work so that different instances can carry it. With
 * {@code leader.balance.enabled=true} their leaderships spread across the instances; the
 * balance demo ({@code ./demo.sh --balance}) shows it. Present with
 * {@code sample.named-jobs=true}.
 */
public class NamedJobs {

	/**
	 * The elections, in the order the demo draws them.
	 */
	public static final List<String> ELECTIONS = List.of("reports", "billing", "exports", "cleanup", "indexing",
			"alerts");

	private static final Log logger = LogFactory.getLog(NamedJobs.class);

	private final Map<String, AtomicLong> runs = new ConcurrentHashMap<>();

	@Scheduled(fixedRate = 1000)
	@LeaderOnly("reports")
	public void reports() {
		ran("reports");
	}

	@Scheduled(fixedRate = 1000)
	@LeaderOnly("billing")
	public void billing() {
		ran("billing");
	}

	@Scheduled(fixedRate = 1000)
	@LeaderOnly("exports")
	public void exports() {
		ran("exports");
	}

	@Scheduled(fixedRate = 1000)
	@LeaderOnly("cleanup")
	public void cleanup() {
		ran("cleanup");
	}

	@Scheduled(fixedRate = 1000)
	@LeaderOnly("indexing")
	public void indexing() {
		ran("indexing");
	}

	@Scheduled(fixedRate = 1000)
	@LeaderOnly("alerts")
	public void alerts() {
		ran("alerts");
	}

	/**
	 * How often a job ran on this instance.
	 * @param election the job's election
	 * @return its runs so far
	 */
	public long runs(String election) {
		AtomicLong count = this.runs.get(election);
		return (count != null) ? count.get() : 0;
	}

	private void ran(String election) {
		long run = this.runs.computeIfAbsent(election, (name) -> new AtomicLong()).incrementAndGet();
		if (logger.isDebugEnabled()) {
			logger.debug("Job '" + election + "' run #" + run + " (fencing token "
					+ LeadershipContext.currentToken().orElseThrow() + ")");
		}
	}

}
