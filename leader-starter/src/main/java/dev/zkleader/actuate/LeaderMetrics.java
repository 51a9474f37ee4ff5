package dev.zkleader.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import dev.zkleader.LeadershipEvent;
import dev.zkleader.LeadershipGrantedEvent;
import dev.zkleader.LeadershipRevokedEvent;
import dev.zkleader.election.ElectionRegistry;
import dev.zkleader.election.ElectionSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;

/**
 * Micrometer metrics of every election, tagged {@code election}:
 * <ul>
 * <li>{@code leader.status}: 1 while this instance leads, else 0;</li>
 * <li>{@code leader.leaderships}: how many elections this instance leads (untagged);</li>
 * <li>{@code leader.transitions}: leadership changes, tagged {@code change}
 * ({@code granted} or {@code revoked}) and {@code reason};</li>
 * <li>{@code leader.tenure}: how long each leadership lasted;</li>
 * <li>{@code leader.acquisition}: from joining the election (or losing the previous
 * leadership) to being granted;</li>
 * <li>{@code leader.only.invocations}: {@code @LeaderOnly} calls, tagged {@code outcome}
 * ({@code executed} or {@code skipped});</li>
 * <li>{@code leader.zookeeper.connection.changes}: ZooKeeper connection state changes,
 * tagged {@code state}.</li>
 * </ul>
 * Every meter reads the elections' local snapshots.
 */
public class LeaderMetrics implements MeterBinder {

	private final ElectionRegistry elections;

	private final CuratorFramework client;

	private final Set<String> bound = ConcurrentHashMap.newKeySet();

	private final Map<String, Instant> grantedAt = new ConcurrentHashMap<>();

	private volatile @Nullable MeterRegistry registry;

	public LeaderMetrics(ElectionRegistry elections, CuratorFramework client) {
		this.elections = elections;
		this.client = client;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		this.elections.names().forEach((name) -> bindElection(registry, name));
		Gauge.builder("leader.leaderships", this.elections, ElectionRegistry::leaderships)
			.description("How many elections this instance leads")
			.register(registry);
		ConnectionStateListener listener = (source, state) -> Counter.builder("leader.zookeeper.connection.changes")
			.description("ZooKeeper connection state changes")
			.tag("state", state.name())
			.register(registry)
			.increment();
		this.client.getConnectionStateListenable().addListener(listener);
	}

	private void bindElection(MeterRegistry registry, String name) {
		if (!this.bound.add(name)) {
			return;
		}
		Gauge.builder("leader.status", this.elections, read(name, (snapshot) -> snapshot.leader() ? 1 : 0))
			.description("1 while this instance leads the election, else 0")
			.tag("election", name)
			.register(registry);
		FunctionCounter.builder("leader.only.invocations", this.elections, read(name, ElectionSnapshot::executedCalls))
			.description("@LeaderOnly calls")
			.tags("election", name, "outcome", "executed")
			.register(registry);
		FunctionCounter.builder("leader.only.invocations", this.elections, read(name, ElectionSnapshot::skippedCalls))
			.description("@LeaderOnly calls")
			.tags("election", name, "outcome", "skipped")
			.register(registry);
	}

	private static ToDoubleFunction<ElectionRegistry> read(String name, ToDoubleFunction<ElectionSnapshot> value) {
		return (elections) -> {
			ElectionSnapshot snapshot = elections.snapshot(name);
			return (snapshot != null) ? value.applyAsDouble(snapshot) : 0;
		};
	}

	// Named elections are joined when the context starts, after the binder was bound.
	@EventListener
	void onContextRefreshed(ContextRefreshedEvent event) {
		MeterRegistry current = this.registry;
		if (current != null) {
			this.elections.names().forEach((name) -> bindElection(current, name));
		}
	}

	// Events arrive on the election's thread, in order, so a granted event always
	// precedes its revoked event.
	@EventListener
	void onLeadershipEvent(LeadershipEvent event) {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		bindElection(registry, event.getElection());
		if (event instanceof LeadershipGrantedEvent granted) {
			transition(registry, event, "granted", "none");
			this.grantedAt.put(event.getElection(), granted.getTime());
			ElectionSnapshot snapshot = this.elections.snapshot(event.getElection());
			if (snapshot != null) {
				timer(registry, "leader.acquisition", "Time from joining the election to being granted leadership",
						event)
					.record(nonNegative(Duration.between(snapshot.waitingSince(), granted.getTime())));
			}
		}
		else if (event instanceof LeadershipRevokedEvent revoked) {
			transition(registry, event, "revoked", revoked.getReason().name());
			Instant since = this.grantedAt.remove(event.getElection());
			if (since != null) {
				timer(registry, "leader.tenure", "How long each leadership lasted", event)
					.record(nonNegative(Duration.between(since, revoked.getTime())));
			}
		}
	}

	private static void transition(MeterRegistry registry, LeadershipEvent event, String change, String reason) {
		Counter.builder("leader.transitions")
			.description("Leadership changes of this instance")
			.tags("election", event.getElection(), "change", change, "reason", reason)
			.register(registry)
			.increment();
	}

	private static Timer timer(MeterRegistry registry, String name, String description, LeadershipEvent event) {
		return Timer.builder(name).description(description).tag("election", event.getElection()).register(registry);
	}

	private static Duration nonNegative(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

}
