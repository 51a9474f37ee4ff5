package dev.zkleader.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import dev.zkleader.LeadershipGrantedEvent;
import dev.zkleader.LeadershipRevokedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;

/**
 * Ends this instance after it has led for {@code sample.crash-after-leading} (abruptly)
 * or {@code sample.exit-after-leading} (gracefully), so that the demo shows leadership
 * moving on.
 */
class LeadershipEnding {

	private static final Log logger = LogFactory.getLog(LeadershipEnding.class);

	private final SampleProperties properties;

	private final TaskScheduler scheduler;

	private final Terminator terminator;

	private @Nullable ScheduledFuture<?> pending;

	LeadershipEnding(SampleProperties properties, TaskScheduler scheduler, Terminator terminator) {
		this.properties = properties;
		this.scheduler = scheduler;
		this.terminator = terminator;
	}

	@EventListener
	synchronized void granted(LeadershipGrantedEvent event) {
		Duration crashAfter = this.properties.getCrashAfterLeading();
		Duration exitAfter = this.properties.getExitAfterLeading();
		if (crashAfter != null) {
			this.pending = this.scheduler.schedule(() -> crash(event, crashAfter), event.getTime().plus(crashAfter));
		}
		else if (exitAfter != null) {
			this.pending = this.scheduler.schedule(() -> exit(event, exitAfter), event.getTime().plus(exitAfter));
		}
	}

	@EventListener
	synchronized void revoked(LeadershipRevokedEvent event) {
		if (this.pending != null) {
			this.pending.cancel(false);
			this.pending = null;
		}
	}

	private void crash(LeadershipGrantedEvent event, Duration after) {
		logger.warn(event.getParticipantId() + " crashing now after leading for " + ledFor(event)
				+ " ms (sample.crash-after-leading=" + after + "): halting without shutdown hooks at " + Instant.now());
		this.terminator.crash();
	}

	private void exit(LeadershipGrantedEvent event, Duration after) {
		logger.info(event.getParticipantId() + " exiting gracefully after leading for " + ledFor(event)
				+ " ms (sample.exit-after-leading=" + after + ") at " + Instant.now());
		this.terminator.exit();
	}

	private static long ledFor(LeadershipGrantedEvent event) {
		return Duration.between(event.getTime(), Instant.now()).toMillis();
	}

}
