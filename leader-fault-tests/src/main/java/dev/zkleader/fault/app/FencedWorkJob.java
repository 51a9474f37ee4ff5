package dev.zkleader.fault.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.zkleader.LeaderOnly;
import dev.zkleader.Leadership;
import dev.zkleader.LeadershipContext;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The leader-only job: record the start, work for a while, then write the result with the
 * run's fencing token. It deliberately ignores interrupts and
 * {@link LeadershipContext#stillLeading()} when it writes (it only records them): the
 * harness measures what the fence alone catches, the worst case of a careless job.
 */
@Component
class FencedWorkJob {

	private final RegisterClient register;

	private final Leadership leadership;

	FencedWorkJob(RegisterClient register, Leadership leadership) {
		this.register = register;
		this.leadership = leadership;
	}

	@Scheduled(fixedDelayString = "${fault.job.delay:150ms}")
	@LeaderOnly
	public void run() {
		// First thing after the gate let the call through: a start after another leader's
		// start with a higher token is a stale start.
		long start = System.currentTimeMillis();
		long token = LeadershipContext.currentToken().orElseThrow();
		boolean interrupted = false;
		try {
			Thread.sleep(ThreadLocalRandom.current().nextLong(50, 201));
		}
		catch (InterruptedException ex) {
			// Revoked mid-run: the work stops short, but the result is written anyway.
			interrupted = true;
		}
		long end = System.currentTimeMillis();
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("participant", this.leadership.participantId());
		fields.put("token", token);
		fields.put("start", start);
		fields.put("end", end);
		fields.put("interrupted", interrupted);
		fields.put("stillLeading", LeadershipContext.stillLeading());
		this.register.write(fields);
	}

}
