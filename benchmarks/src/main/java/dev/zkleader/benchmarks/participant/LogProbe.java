package dev.zkleader.benchmarks.participant;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.zkleader.benchmarks.support.EpochMicros;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Stamps the moment the starter's election calls its logger to report a grant or a
 * revocation (a Logback turbo filter runs at the call, before the message is formatted or
 * written), so that a handover's time inside the starter can be split at its log line.
 * Only stores the time, and always lets the event through.
 */
final class LogProbe extends TurboFilter {

	private static final String ELECTION_LOGGER = "dev.zkleader.election.Election";

	private volatile long grantLoggedMicros;

	private volatile long revokeLoggedMicros;

	/**
	 * Adds the probe to Logback; Spring Boot resets Logback when an application starts,
	 * so this is done after each start.
	 */
	void install() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		if (!context.getTurboFilterList().contains(this)) {
			context.addTurboFilter(this);
		}
		start();
	}

	@Override
	public FilterReply decide(@Nullable Marker marker, @Nullable Logger logger, @Nullable Level level,
			@Nullable String format, Object @Nullable [] params, @Nullable Throwable t) {
		if (logger != null && format != null && ELECTION_LOGGER.equals(logger.getName())) {
			if (format.startsWith("Leadership granted")) {
				this.grantLoggedMicros = EpochMicros.now();
			}
			else if (format.startsWith("Leadership revoked")) {
				this.revokeLoggedMicros = EpochMicros.now();
			}
		}
		return FilterReply.NEUTRAL;
	}

	long grantLoggedMicros() {
		return this.grantLoggedMicros;
	}

	long revokeLoggedMicros() {
		return this.revokeLoggedMicros;
	}

}
