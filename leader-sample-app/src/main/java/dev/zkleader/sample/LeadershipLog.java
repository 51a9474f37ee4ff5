package dev.zkleader.sample;

import dev.zkleader.LeadershipGrantedEvent;
import dev.zkleader.LeadershipRevokedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs every change of leadership, with the exact time of the change (the failover demo
 * reads these lines).
 */
@Component
class LeadershipLog {

	private static final Log logger = LogFactory.getLog(LeadershipLog.class);

	@EventListener
	void granted(LeadershipGrantedEvent event) {
		logger.info(event.getParticipantId() + " is now the leader (granted at " + event.getTime() + ")");
	}

	@EventListener
	void revoked(LeadershipRevokedEvent event) {
		logger.info(event.getParticipantId() + " is no longer the leader (" + event.getReason() + " at "
				+ event.getTime() + ")");
	}

}
