package dev.zkleader.election;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.zkleader.LeaderElections;
import dev.zkleader.Leadership;
import dev.zkleader.gate.LeaderWorkPermits;
import dev.zkleader.gate.LeaderWorkRun;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * The elections of this instance, by name. A {@link SmartLifecycle} in the last phase: it
 * joins every election once the rest of the context (including the web server, whose port
 * names the participant) has started, and leaves them first on shutdown. Elections named
 * only later (a lazily created bean, {@link #get(String)}) join at once.
 * <p>
 * Internal: created by the auto-configuration; depend on {@link LeaderElections} instead.
 */
public final class ElectionRegistry implements LeaderElections, LeaderWorkPermits, SmartLifecycle, AutoCloseable {

	/**
	 * The lifecycle phase: after the web server starts, and first to stop.
	 */
	public static final int PHASE = Integer.MAX_VALUE;

	private static final Log logger = LogFactory.getLog(ElectionRegistry.class);

	private final Function<String, Election> factory;

	private final Supplier<Set<String>> declaredElections;

	private final Map<String, Election> elections = new ConcurrentHashMap<>();

	// Renews the leases of every election; never runs anything slow.
	private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, (task) -> {
		Thread thread = new Thread(task, "leader-lease");
		thread.setDaemon(true);
		return thread;
	});

	private final BalanceSettings balance;

	private volatile boolean running;

	// Reads every balanced election's queue from ZooKeeper: never on the lease timer.
	private volatile @Nullable ScheduledExecutorService balancing;

	/**
	 * Creates the registry.
	 * @param client the started Curator client every election uses
	 * @param publisher where leadership events are published
	 * @param settings how the election of a name runs
	 * @param declaredElections the names used by {@code @LeaderOnly} methods, joined at
	 * start-up
	 * @param balance how leaderships of named elections are spread across instances
	 */
	public ElectionRegistry(CuratorFramework client, ApplicationEventPublisher publisher,
			Function<String, ElectionSettings> settings, Supplier<Set<String>> declaredElections,
			BalanceSettings balance) {
		this.timer.setRemoveOnCancelPolicy(true);
		this.factory = (name) -> new Election(client, settings.apply(name), publisher, this.timer);
		this.declaredElections = declaredElections;
		this.balance = balance;
	}

	/**
	 * How many elections this instance leads now.
	 * @return the count
	 */
	public int leaderships() {
		return (int) this.elections.values().stream().filter(Election::isLeader).count();
	}

	@Override
	public Leadership get(String name) {
		return election(name);
	}

	private Election election(String name) {
		if (!LeaderElections.isValidName(name)) {
			throw new IllegalArgumentException("'" + name + "' is not a valid election name: use 1 to 64 lowercase "
					+ "letters, digits and inner dashes");
		}
		Election election = this.elections.computeIfAbsent(name, this.factory);
		if (this.running) {
			election.start();
		}
		return election;
	}

	@Override
	public Set<String> names() {
		return Set.copyOf(this.elections.keySet());
	}

	/**
	 * A snapshot of every election joined so far, by name.
	 * @return the snapshots, sorted by name
	 */
	public Map<String, ElectionSnapshot> snapshots() {
		Map<String, ElectionSnapshot> snapshots = new TreeMap<>();
		this.elections.forEach((name, election) -> snapshots.put(name, election.snapshot()));
		return snapshots;
	}

	/**
	 * A snapshot of one election.
	 * @param name the election name
	 * @return the snapshot, or {@code null} if no election of that name has been joined
	 */
	public @Nullable ElectionSnapshot snapshot(String name) {
		Election election = this.elections.get(name);
		return (election != null) ? election.snapshot() : null;
	}

	/**
	 * The participants of an election in queue order. Asks ZooKeeper.
	 * @param name the election name
	 * @return the participant ids, empty for an unknown election or when ZooKeeper cannot
	 * be reached
	 */
	public List<String> participants(String name) {
		Election election = this.elections.get(name);
		return (election != null) ? election.participants() : List.of();
	}

	/**
	 * The leader of an election. Asks ZooKeeper unless this instance leads.
	 * @param name the election name
	 * @return the leader's participant id, if known
	 */
	public Optional<String> leaderId(String name) {
		Election election = this.elections.get(name);
		return (election != null) ? election.leaderId() : Optional.empty();
	}

	/**
	 * Starts a yield of an election without waiting for its running calls to drain.
	 * @param name the election name
	 * @return {@code true} if this instance leads it and steps down
	 */
	public boolean yieldInBackground(String name) {
		Election election = this.elections.get(name);
		return election != null && election.yieldInBackground();
	}

	@Override
	public @Nullable LeaderWorkRun begin(String election) {
		Election known = this.elections.get(election);
		return ((known != null) ? known : election(election)).begin();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void start() {
		this.declaredElections.get().forEach(this::election);
		this.running = true;
		this.elections.values().forEach(Election::start);
		if (this.balance.enabled()) {
			Balancer balancer = new Balancer(this.balance, () -> Map.copyOf(this.elections));
			ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "leader-balance");
				thread.setDaemon(true);
				return thread;
			});
			long delay = this.balance.settleDelay().toNanos();
			executor.scheduleWithFixedDelay(() -> balance(balancer), delay, delay, TimeUnit.NANOSECONDS);
			this.balancing = executor;
		}
	}

	private void balance(Balancer balancer) {
		try {
			balancer.balance();
		}
		catch (RuntimeException ex) {
			logger.warn("A round of leadership balancing failed; the next one follows", ex);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		ScheduledExecutorService current = this.balancing;
		if (current != null) {
			current.shutdownNow();
		}
		this.elections.values().parallelStream().forEach(Election::stop);
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
