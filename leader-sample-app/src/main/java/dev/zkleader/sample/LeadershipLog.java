package dev.zkleader.sample;

import dev.zkleader.LeaderElections;
import dev.zkleader.LeadershipEvent;
import dev.zkleader.LeadershipGrantedEvent;
import dev.zkleader.LeadershipRevokedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs every change of leadership, with the exact time of the change (the demos read
 * these lines). A named election's lines name it; the default election's do not.
 */
@Component
class LeadershipLog {

	private static final Log logger = LogFactory.getLog(LeadershipLog.class);

	@EventListener
	void granted(LeadershipGrantedEvent event) {
		logger.info(
				event.getParticipantId() + " is now the leader" + of(event) + " (granted at " + event.getTime() + ")");
	}

	@EventListener
	void revoked(LeadershipRevokedEvent event) {
		logger.info(event.getParticipantId() + " is no longer the leader" + of(event) + " (" + event.getReason()
				+ " at " + event.getTime() + ")");
	}

	private static String of(LeadershipEvent event) {
		return LeaderElections.DEFAULT.equals(event.getElection()) ? "" : " of election '" + event.getElection() + "'";
	}

}
