package dev.zkleader.election;

import dev.zkleader.RevocationReason;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;

/**
 * What one election makes of the client's connection states, on its thread. They inform
 * the lease and never decide on their own: a suspension that ends with the same session
 * within the lease changes nothing but a log line; a lost session revokes and rejoins;
 * with {@link ConnectionLossPolicy#SUSPENDED} a suspension revokes at once.
 */
final class ConnectionWatch {

	private final CuratorFramework client;

	private final ElectionSettings settings;

	private final CurrentLeadership current;

	private final Transitions transitions;

	private final Announcer announcer;

	private final ConnectionStateListener listener = (client, newState) -> changed(newState);

	// Runs on Curator's thread, before the latch hears of the new session.
	private final ConnectionStateListener sessionLossListener;

	// System.nanoTime() when the connection was last suspended, 0 while connected.
	private volatile long disconnectedAt;

	ConnectionWatch(CuratorFramework client, ElectionSettings settings, CurrentLeadership current,
			Transitions transitions, Announcer announcer) {
		this.client = client;
		this.settings = settings;
		this.current = current;
		this.transitions = transitions;
		this.announcer = announcer;
		this.sessionLossListener = (source, newState) -> {
			if (newState == ConnectionState.LOST) {
				transitions.candidacy().retireIfSessionLost();
			}
		};
	}

	void register(ElectionThread thread) {
		this.client.getConnectionStateListenable().addListener(this.sessionLossListener);
		this.client.getConnectionStateListenable().addListener(this.listener, thread);
	}

	void unregister() {
		this.client.getConnectionStateListenable().removeListener(this.listener);
		this.client.getConnectionStateListenable().removeListener(this.sessionLossListener);
	}

	private void changed(ConnectionState newState) {
		this.current.update((state) -> state.withConnection(newState));
		if (!this.transitions.isRunning()) {
			return;
		}
		switch (newState) {
			case SUSPENDED -> {
				this.disconnectedAt = System.nanoTime();
				if (this.settings.connectionLoss() == ConnectionLossPolicy.SUSPENDED) {
					this.current.update((state) -> state.leaseEnded(System.nanoTime()));
					this.transitions.revoke(RevocationReason.CONNECTION_SUSPENDED, null);
				}
			}
			case RECONNECTED -> {
				long since = this.disconnectedAt;
				this.disconnectedAt = 0;
				if (since != 0 && this.current.leads(this.current.get())) {
					this.announcer.rodeOut(System.nanoTime() - since);
				}
				this.transitions.lease().reconnected();
				this.transitions.lease().renewNow();
				this.transitions.reconcile();
			}
			case LOST -> {
				this.disconnectedAt = 0;
				try {
					this.transitions.revoke(RevocationReason.CONNECTION_LOST, null);
				}
				finally {
					// Unless a deleted node made it rejoin on the new session already.
					if (this.transitions.isRunning() && !this.transitions.candidacy().onCurrentSession()) {
						this.transitions.rejoin();
					}
				}
			}
			default -> {
			}
		}
	}

}
