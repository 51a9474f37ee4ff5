package dev.zkleader.election;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.zkleader.LeaderElections;
import dev.zkleader.gate.LeaderWorkPermits;
import dev.zkleader.gate.LeaderWorkRun;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * The elections of this instance, by name. A {@link SmartLifecycle} in the last phase: it
 * joins every election once the rest of the context (including the web server, whose port
 * names the participant) has started, and leaves them first on shutdown. Elections named
 * only later (a lazily created bean, {@link #get(String)}) join at once.
 * <p>
 * Internal: created by the auto-configuration; depend on {@link LeaderElections} instead.
 */
public final class ElectionRegistry implements LeaderElections, LeaderWorkPermits, SmartLifecycle {

	/**
	 * The lifecycle phase: after the web server starts, and first to stop.
	 */
	public static final int PHASE = Integer.MAX_VALUE;

	private final Function<String, Election> factory;

	private final Supplier<Set<String>> declaredElections;

	private final Map<String, Election> elections = new ConcurrentHashMap<>();

	private volatile boolean running;

	/**
	 * Creates the registry.
	 * @param factory creates the election of a name
	 * @param declaredElections the names used by {@code @LeaderOnly} methods, joined at
	 * start-up
	 */
	public ElectionRegistry(Function<String, Election> factory, Supplier<Set<String>> declaredElections) {
		this.factory = factory;
		this.declaredElections = declaredElections;
	}

	@Override
	public Election get(String name) {
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
	 * The elections joined so far, by name.
	 * @return the elections
	 */
	public Map<String, Election> elections() {
		return Map.copyOf(this.elections);
	}

	/**
	 * An election joined so far.
	 * @param name the election name
	 * @return the election, or {@code null} if none of that name has been joined
	 */
	public @Nullable Election find(String name) {
		return this.elections.get(name);
	}

	@Override
	public @Nullable LeaderWorkRun begin(String election) {
		Election known = this.elections.get(election);
		return ((known != null) ? known : get(election)).begin();
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
		this.declaredElections.get().forEach(this::get);
		this.running = true;
		this.elections.values().forEach(Election::start);
	}

	@Override
	public void stop() {
		this.running = false;
		this.elections.values().parallelStream().forEach(Election::stop);
	}

}
