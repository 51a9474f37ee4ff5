package dev.zkleader.benchmarks.participant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionStateErrorPolicy;
import org.apache.curator.framework.state.StandardConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;

/**
 * What every contender's participant is given: the same server, path, id and session
 * timeout, and the same Curator client settings (the starter's defaults), so that only
 * the election code differs.
 *
 * @param connectString the ZooKeeper server
 * @param path the election's path
 * @param id this participant's id
 * @param sessionTimeout the requested session timeout
 * @param granted receives the epoch microseconds of each grant
 * @param revoked receives the epoch microseconds of each revocation
 * @param tracer traces the ZooKeeper operations of the contender's client
 * @param springArguments more command-line arguments for a Spring contender's application
 */
record Settings(String connectString, String path, String id, Duration sessionTimeout, LongConsumer granted,
		LongConsumer revoked, ParticipantTracer tracer, List<String> springArguments) {

	/**
	 * These settings with more application arguments.
	 * @param arguments arguments added before the given ones
	 * @return the settings
	 */
	Settings withSpringArguments(String... arguments) {
		List<String> all = new ArrayList<>(List.of(arguments));
		all.addAll(this.springArguments);
		return new Settings(this.connectString, this.path, this.id, this.sessionTimeout, this.granted, this.revoked,
				this.tracer, all);
	}

	/**
	 * The arguments of a Spring contender's application: the given ones, then the extra
	 * ones (which may override them).
	 * @param arguments the contender's own arguments
	 * @return all arguments
	 */
	String[] springArguments(String... arguments) {
		List<String> all = new ArrayList<>(List.of(arguments));
		all.addAll(this.springArguments);
		return all.toArray(String[]::new);
	}

	/**
	 * The connection timeout the starter uses by default: the smaller of 5 s and the
	 * session timeout.
	 * @return the connection timeout
	 */
	Duration connectionTimeout() {
		Duration fiveSeconds = Duration.ofSeconds(5);
		return (this.sessionTimeout.compareTo(fiveSeconds) < 0) ? this.sessionTimeout : fiveSeconds;
	}

	/**
	 * A started Curator client configured like the starter's default one (retry 1 s base,
	 * 3 retries, 30 s at most), for the contenders that bring their own client.
	 * @return the client, connected
	 * @throws InterruptedException if interrupted while connecting
	 */
	CuratorFramework newClient() throws InterruptedException {
		return newClient(new StandardConnectionStateErrorPolicy());
	}

	/**
	 * A started client like {@link #newClient()}, with another policy for the connection
	 * states in which recipes give up leadership.
	 * @param errorPolicy the policy
	 * @return the client, connected
	 * @throws InterruptedException if interrupted while connecting
	 */
	CuratorFramework newClient(ConnectionStateErrorPolicy errorPolicy) throws InterruptedException {
		CuratorFramework client = CuratorFrameworkFactory.builder()
			.connectString(this.connectString)
			.sessionTimeoutMs((int) this.sessionTimeout.toMillis())
			.connectionTimeoutMs((int) connectionTimeout().toMillis())
			.retryPolicy(new ExponentialBackoffRetry(1000, 3, 30_000))
			.connectionStateErrorPolicy(errorPolicy)
			.build();
		this.tracer.attachTo(client);
		client.start();
		if (!client.blockUntilConnected(60, TimeUnit.SECONDS)) {
			client.close();
			throw new IllegalStateException("No connection to ZooKeeper at " + this.connectString);
		}
		return client;
	}

}
