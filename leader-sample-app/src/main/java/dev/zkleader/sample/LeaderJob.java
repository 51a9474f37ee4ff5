package dev.zkleader.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import dev.zkleader.LeaderOnly;
import dev.zkleader.Leadership;
import dev.zkleader.LeadershipContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The work only one instance may do at a time.
 */
@Component
public class LeaderJob {

	private static final Log logger = LogFactory.getLog(LeaderJob.class);

	private final Leadership leadership;

	private final AtomicLong runs = new AtomicLong();

	public LeaderJob(Leadership leadership) {
		this.leadership = leadership;
	}

	@Scheduled(fixedRate = 1000)
	@LeaderOnly
	public void run() {
		long run = this.runs.incrementAndGet();
		long ledFor = this.leadership.leaderSince()
			.map((since) -> Duration.between(since, Instant.now()).toMillis())
			.orElse(0L);
		logger.info("Leader job run #" + run + " on " + this.leadership.participantId() + " (fencing token "
				+ LeadershipContext.currentToken().orElseThrow() + "), leading for " + ledFor + " ms");
	}

	public long runs() {
		return this.runs.get();
	}

}
