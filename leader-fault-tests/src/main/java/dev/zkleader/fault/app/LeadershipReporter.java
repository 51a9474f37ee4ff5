package dev.zkleader.fault.app;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.zkleader.Leadership;
import dev.zkleader.LeadershipGrantedEvent;
import dev.zkleader.LeadershipRevokedEvent;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells the harness what this instance sees: its leadership events and the changes of its
 * ZooKeeper connection (for the timeline and the checks) and, periodically, its view of
 * the election, {@link Leadership#participants()} above all, which is how the harness
 * finds stuck participants.
 */
@Component
class LeadershipReporter {

	private final RegisterClient register;

	private final Leadership leadership;

	LeadershipReporter(RegisterClient register, Leadership leadership, CuratorFramework curator) {
		this.register = register;
		this.leadership = leadership;
		// How long the connection was down is what tells a ridden-out fault from one
		// longer than the lease.
		curator.getConnectionStateListenable().addListener((client, state) -> connectionChanged(state));
	}

	private void connectionChanged(ConnectionState state) {
		if (state == ConnectionState.SUSPENDED || state == ConnectionState.RECONNECTED
				|| state == ConnectionState.LOST) {
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("participant", this.leadership.participantId());
			fields.put("kind", state.name().toLowerCase(Locale.ROOT));
			fields.put("token", 0);
			fields.put("time", System.currentTimeMillis());
			fields.put("reason", "");
			this.register.report("/event", fields);
		}
	}

	@EventListener
	void granted(LeadershipGrantedEvent event) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("participant", event.getParticipantId());
		fields.put("kind", "granted");
		fields.put("token", event.getFencingToken());
		fields.put("time", event.getTime().toEpochMilli());
		fields.put("reason", "");
		this.register.report("/event", fields);
	}

	@EventListener
	void revoked(LeadershipRevokedEvent event) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("participant", event.getParticipantId());
		fields.put("kind", "revoked");
		fields.put("token", event.getFencingToken());
		fields.put("time", event.getTime().toEpochMilli());
		fields.put("reason", event.getReason());
		this.register.report("/event", fields);
	}

	// On its own scheduler thread (pool size 3): participants() asks ZooKeeper and may
	// block while the connection is cut.
	@Scheduled(fixedDelayString = "${fault.heartbeat.delay:500ms}")
	void heartbeat() {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("participant", this.leadership.participantId());
		fields.put("leader", this.leadership.isLeader());
		fields.put("participants", String.join(",", this.leadership.participants()));
		this.register.report("/heartbeat", fields);
	}

}
