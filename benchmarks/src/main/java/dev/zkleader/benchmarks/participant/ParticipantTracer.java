package dev.zkleader.benchmarks.participant;

import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import dev.zkleader.benchmarks.support.EpochMicros;
import org.apache.curator.drivers.TracerDriver;
import org.apache.curator.framework.CuratorFramework;

/**
 * Stamps the two ZooKeeper operations that bound a handover inside each participant's
 * Curator client, so that a handover's time can be split into what the leaving process
 * does before its node's delete is sent, what ZooKeeper and the network take until the
 * next participant has read the children, and what the next participant does from there
 * to its grant. Curator traces an operation when its answer arrives, just before it hands
 * the answer on, and reports how long it took, hence when it was sent.
 */
final class ParticipantTracer implements TracerDriver {

	private final LongConsumer deleteSent;

	private volatile long childrenReadMicros;

	private volatile long dataReadMicros;

	/**
	 * Creates a tracer.
	 * @param deleteSent receives the epoch microseconds at which each delete was sent
	 */
	ParticipantTracer(LongConsumer deleteSent) {
		this.deleteSent = deleteSent;
	}

	/**
	 * Traces a client (replacing Curator's default tracer, which only logs at TRACE
	 * level): every contender's client gets this same tracer.
	 * @param client the client
	 */
	void attachTo(CuratorFramework client) {
		client.getZookeeperClient().setTracerDriver(this);
	}

	@Override
	public void addTrace(String name, long time, TimeUnit unit) {
		if (name.startsWith("GetChildrenBuilderImpl")) {
			this.childrenReadMicros = EpochMicros.now();
		}
		else if (name.startsWith("GetDataBuilderImpl")) {
			this.dataReadMicros = EpochMicros.now();
		}
		else if (name.startsWith("DeleteBuilderImpl")) {
			this.deleteSent.accept(EpochMicros.now() - unit.toMicros(time));
		}
	}

	@Override
	public void addCount(String name, int increment) {
	}

	/**
	 * When the last children list arrived.
	 * @return epoch microseconds, 0 if none yet
	 */
	long childrenReadMicros() {
		return this.childrenReadMicros;
	}

	/**
	 * When the last node data arrived (Curator's latch reads its own node before it
	 * grants).
	 * @return epoch microseconds, 0 if none yet
	 */
	long dataReadMicros() {
		return this.dataReadMicros;
	}

}
