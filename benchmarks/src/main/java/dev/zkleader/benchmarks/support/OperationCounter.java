package dev.zkleader.benchmarks.support;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.apache.curator.drivers.TracerDriver;
import org.apache.curator.framework.CuratorFramework;

/**
 * Counts the ZooKeeper operations one Curator client performs. Curator traces every
 * operation it sends (create, delete, getData, getChildren, exists, sync, removeWatches,
 * ...) through the client's {@link TracerDriver} when the operation completes; connection
 * events and listener calls are traced too but are not operations, and are left out.
 * Pings are not traced: ZooKeeper's own client sends them below Curator.
 */
public final class OperationCounter implements TracerDriver {

	private final Map<String, LongAdder> operations = new ConcurrentHashMap<>();

	/**
	 * Attaches a new counter to a client, replacing its tracer.
	 * @param client the client to watch
	 * @return the counter
	 */
	public static OperationCounter attachTo(CuratorFramework client) {
		OperationCounter counter = new OperationCounter();
		client.getZookeeperClient().setTracerDriver(counter);
		return counter;
	}

	@Override
	public void addTrace(String name, long time, TimeUnit unit) {
		if (isOperation(name)) {
			this.operations.computeIfAbsent(name, (key) -> new LongAdder()).increment();
		}
	}

	@Override
	public void addCount(String name, int increment) {
	}

	/**
	 * The operations counted so far.
	 * @return their total
	 */
	public long total() {
		return this.operations.values().stream().mapToLong(LongAdder::sum).sum();
	}

	/**
	 * The operations counted so far, by Curator's trace name.
	 * @return count by name, sorted by name
	 */
	public Map<String, Long> byName() {
		Map<String, Long> counts = new TreeMap<>();
		this.operations.forEach((name, count) -> counts.put(name, count.sum()));
		return counts;
	}

	// Curator names operation traces after the builder that sent them.
	static boolean isOperation(String name) {
		return name.contains("BuilderImpl") || name.contains("SyncImpl") || name.startsWith("RemoteWatches")
				|| name.startsWith("FindAndDeleteProtectedNode") || name.startsWith("CuratorMultiTransactionImpl");
	}

}
