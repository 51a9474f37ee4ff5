package dev.zkleader.benchmarks.participant;

import dev.zkleader.LeadershipGrantedEvent;
import dev.zkleader.LeadershipRevokedEvent;
import dev.zkleader.benchmarks.support.EpochMicros;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.ResolvableType;
import org.springframework.integration.leader.event.OnGrantedEvent;

/**
 * Spring's default event multicaster, stamping when a leadership event (or the context's
 * closed event, the first step of a context's shutdown) is published: the moment it is
 * handed to Spring, before any listener runs. Only stores the time (printing would slow
 * the path measured); the participant reports it with the grant or the stop.
 */
final class EventProbe extends SimpleApplicationEventMulticaster {

	/**
	 * The bean name under which an application context looks its multicaster up.
	 */
	static final String BEAN_NAME = "applicationEventMulticaster";

	private volatile long grantPublishedMicros;

	private volatile long revokePublishedMicros;

	private volatile long contextClosedMicros;

	@Override
	public void multicastEvent(ApplicationEvent event, @Nullable ResolvableType eventType) {
		if (event instanceof LeadershipGrantedEvent || event instanceof OnGrantedEvent) {
			this.grantPublishedMicros = EpochMicros.now();
		}
		else if (event instanceof LeadershipRevokedEvent) {
			this.revokePublishedMicros = EpochMicros.now();
		}
		else if (event instanceof ContextClosedEvent) {
			this.contextClosedMicros = EpochMicros.now();
		}
		super.multicastEvent(event, eventType);
	}

	long grantPublishedMicros() {
		return this.grantPublishedMicros;
	}

	long revokePublishedMicros() {
		return this.revokePublishedMicros;
	}

	long contextClosedMicros() {
		return this.contextClosedMicros;
	}

}
