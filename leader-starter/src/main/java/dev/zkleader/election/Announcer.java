package dev.zkleader.election;

import java.time.Duration;
import java.time.Instant;

import dev.zkleader.Leadership;
import dev.zkleader.LeadershipEvent;
import dev.zkleader.LeadershipGrantedEvent;
import dev.zkleader.LeadershipRevokedEvent;
import dev.zkleader.RevocationReason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Tells the application and the log of one election's changes. Called on the election's
 * thread only, so events arrive in order; a failing listener is logged and never stops
 * the election.
 */
final class Announcer {

	private static final Log logger = LogFactory.getLog(Election.class);

	private final Leadership source;

	private final ApplicationEventPublisher publisher;

	Announcer(Leadership source, ApplicationEventPublisher publisher) {
		this.source = source;
		this.publisher = publisher;
	}

	void granted(Instant at, long token) {
		publish(new LeadershipGrantedEvent(this.source, election(), participant(), at, token));
		logger.info("Leadership granted: election '" + election() + "', participant '" + participant()
				+ "', fencing token " + token);
	}

	void revoked(Instant since, long token, RevocationReason reason) {
		Instant now = Instant.now();
		publish(new LeadershipRevokedEvent(this.source, election(), participant(), now, token, reason));
		logger.info("Leadership revoked (" + reason + "): election '" + election() + "', participant '" + participant()
				+ "', led for " + Duration.between(since, now).toMillis() + " ms");
	}

	void joined(String path) {
		logger.info("Joined leader election '" + election() + "' at " + path + " as '" + participant() + "'");
	}

	void left() {
		logger.info("Left leader election '" + election() + "' as '" + participant() + "'");
	}

	void rodeOut(long disconnectedNanos) {
		logger.info("ZooKeeper connection back with the same session after "
				+ Duration.ofNanos(disconnectedNanos).toMillis() + " ms; election '" + election()
				+ "' kept its leader throughout (within its lease)");
	}

	void drainTimedOut(int running, Duration timeout) {
		logger.warn(running + " leader-only call(s) of election '" + election() + "' still running after the drain "
				+ "timeout of " + timeout.toMillis() + " ms (leader.shutdown.drain-timeout); handing leadership over "
				+ "anyway");
	}

	void rejoinFailed(Exception ex) {
		logger.error("Could not rejoin leader election '" + election() + "'", ex);
	}

	private void publish(LeadershipEvent event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.error("A listener of " + event + " failed", ex);
		}
	}

	private String election() {
		return this.source.election();
	}

	private String participant() {
		return this.source.participantId();
	}

}
