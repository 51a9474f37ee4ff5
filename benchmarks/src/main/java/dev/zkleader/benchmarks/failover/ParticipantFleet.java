package dev.zkleader.benchmarks.failover;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import dev.zkleader.benchmarks.participant.Contender;
import dev.zkleader.benchmarks.participant.Participant;
import dev.zkleader.benchmarks.participant.Protocol;
import dev.zkleader.benchmarks.support.Logging;
import dev.zkleader.harness.process.ChildProcess;
import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.process.Jvm;
import dev.zkleader.harness.process.Output;
import dev.zkleader.harness.time.Pause;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;

/**
 * Participant processes grouped by election, and what they report. The driver waits on
 * conditions over this state; an observer client of its own checks, independently of the
 * contenders, that every participant's node is in place before each measurement.
 */
final class ParticipantFleet implements AutoCloseable {

	/**
	 * The JVM options of every participant process, whatever the contender.
	 */
	static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx192m", "-XX:+UseSerialGC");

	private final ChildProcesses children;

	private final Path logs;

	private final String connectString;

	private final Object monitor = new Object();

	private final Map<ParticipantProcess, Group> groups = new HashMap<>();

	private final CuratorFramework observer;

	private int launched;

	private BiConsumer<ParticipantProcess, Protocol.Report> listener = (participant, report) -> {
	};

	ParticipantFleet(ChildProcesses children, Path logs, String connectString) throws InterruptedException {
		this.children = children;
		this.logs = logs;
		this.connectString = connectString;
		this.observer = CuratorFrameworkFactory.newClient(connectString, 30_000, 10_000,
				new ExponentialBackoffRetry(100, 3));
		this.observer.start();
		if (!this.observer.blockUntilConnected(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The observer could not connect to " + connectString);
		}
	}

	/**
	 * A new election with no participants yet.
	 * @param contender whose implementation the participants run
	 * @param path the election path
	 * @param sessionTimeout the session timeout the participants request
	 * @return the group
	 */
	Group group(Contender contender, String path, Duration sessionTimeout) {
		return group(contender, path, sessionTimeout, List.of());
	}

	/**
	 * A new election with no participants yet, whose applications get more arguments.
	 * @param contender whose implementation the participants run
	 * @param path the election path
	 * @param sessionTimeout the session timeout the participants request
	 * @param springArguments more arguments for each participant's Spring Boot
	 * application
	 * @return the group
	 */
	Group group(Contender contender, String path, Duration sessionTimeout, List<String> springArguments) {
		return new Group(contender, path, sessionTimeout, springArguments);
	}

	/**
	 * Hands every report of every participant to a listener as well, under the monitor.
	 * @param listener the listener (quick: it holds up the participant's output pump)
	 */
	void listen(BiConsumer<ParticipantProcess, Protocol.Report> listener) {
		synchronized (this.monitor) {
			this.listener = listener;
		}
	}

	private void onLine(ParticipantProcess participant, String line) {
		Protocol.parse(line).ifPresent((report) -> {
			synchronized (this.monitor) {
				this.listener.accept(participant, report);
				switch (report.kind()) {
					case READY -> {
						participant.ready = true;
						participant.sessionTimeoutMillis = (int) report.value(1);
					}
					case GRANTED -> {
						participant.grants++;
						participant.lastGrantMicros = report.value(0);
						participant.lastChildrenReadMicros = report.value(1);
						participant.lastGrantPublishedMicros = report.value(2);
						participant.lastGrantLoggedMicros = report.value(3);
						participant.lastDataReadMicros = report.value(4);
						this.groups.get(participant).leader = participant;
					}
					case DELETE_SENT -> participant.lastDeleteSentMicros = report.value(0);
					case STOPPED -> {
						participant.stops++;
						participant.lastStopStartMicros = report.value(0);
						participant.lastStopEndMicros = report.value(1);
						participant.lastRevokePublishedMicros = report.value(2);
						participant.lastRevokeLoggedMicros = report.value(3);
						participant.lastContextClosedMicros = report.value(4);
					}
					case REVOKED, RUN -> {
						// For the listener only.
					}
				}
				this.monitor.notifyAll();
			}
		});
	}

	/**
	 * Waits until a condition over the participants' state holds.
	 * @param what names the condition in the failure message
	 * @param condition evaluated under the monitor
	 * @param timeout how long to wait
	 */
	void await(String what, BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (!condition.getAsBoolean()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what
							+ "; see the logs in " + this.logs);
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.monitor, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted", ex);
				}
			}
		}
	}

	void update(Runnable change) {
		synchronized (this.monitor) {
			change.run();
		}
	}

	<T> T read(Supplier<T> reader) {
		synchronized (this.monitor) {
			return reader.get();
		}
	}

	/**
	 * Counts the nodes under a path, as the observer sees them.
	 * @param path the parent
	 * @return its children, 0 if it does not exist yet
	 */
	int nodes(String path) {
		try {
			return this.observer.getChildren().forPath(path).size();
		}
		catch (KeeperException.NoNodeException ex) {
			return 0;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read " + path, ex);
		}
	}

	@Override
	public void close() {
		this.observer.close();
	}

	/**
	 * The participants of one election.
	 */
	final class Group {

		private final Contender contender;

		private final String path;

		private final Duration sessionTimeout;

		private final List<String> springArguments;

		private final List<ParticipantProcess> members = new ArrayList<>();

		private @Nullable ParticipantProcess leader;

		private Group(Contender contender, String path, Duration sessionTimeout, List<String> springArguments) {
			this.contender = contender;
			this.path = path;
			this.sessionTimeout = sessionTimeout;
			this.springArguments = springArguments;
		}

		Contender contender() {
			return this.contender;
		}

		String path() {
			return this.path;
		}

		/**
		 * Starts one more participant; it joins at the back of the queue.
		 * @return its handle
		 * @throws IOException if the process cannot be started
		 */
		ParticipantProcess launch() throws IOException {
			return launch(ParticipantFleet.this.connectString, List.of());
		}

		/**
		 * Starts one more participant that reaches ZooKeeper its own way; it joins at the
		 * back of the queue.
		 * @param connectString the ZooKeeper connect string it uses (its own proxies,
		 * say)
		 * @param participantArguments more arguments for the participant's main class
		 * (before any application arguments)
		 * @return its handle
		 * @throws IOException if the process cannot be started
		 */
		ParticipantProcess launch(String connectString, List<String> participantArguments) throws IOException {
			String name;
			synchronized (ParticipantFleet.this.monitor) {
				name = this.contender.name().toLowerCase(Locale.ROOT) + "-" + (++ParticipantFleet.this.launched);
			}
			List<String> options = new ArrayList<>(JVM_OPTIONS);
			if (!this.contender.isSpringBoot()) {
				// The Spring Boot contenders log at INFO through Boot's defaults; raw
				// Curator gets the same level (Logback alone would log at DEBUG).
				options.add("-Dlogback.configurationFile=" + Logging.PARTICIPANT);
			}
			List<String> arguments = new ArrayList<>(
					List.of("--contender=" + this.contender.name(), "--connect=" + connectString, "--path=" + this.path,
							"--id=" + name, "--session-timeout-ms=" + this.sessionTimeout.toMillis()));
			arguments.addAll(participantArguments);
			List<String> command = Jvm.command(options, Jvm.classpath(), Participant.class.getName(), arguments);
			// The pump may read a line before the handle exists: it waits for it.
			CompletableFuture<ParticipantProcess> handle = new CompletableFuture<>();
			ChildProcess process = ParticipantFleet.this.children.start(name, command, Output
				.pumped(ParticipantFleet.this.logs.resolve(name + ".log"), (line) -> onLine(handle.join(), line)));
			ParticipantProcess participant = new ParticipantProcess(name, this.contender, process);
			synchronized (ParticipantFleet.this.monitor) {
				this.members.add(participant);
				ParticipantFleet.this.groups.put(participant, this);
			}
			handle.complete(participant);
			return participant;
		}

		/**
		 * The live participants (under the monitor).
		 * @return them, in launch order
		 */
		List<ParticipantProcess> members() {
			return this.members.stream().filter((member) -> member.process().isAlive()).toList();
		}

		@Nullable ParticipantProcess leader() {
			return this.leader;
		}

		void forget(ParticipantProcess participant) {
			synchronized (ParticipantFleet.this.monitor) {
				this.members.remove(participant);
				if (this.leader == participant) {
					this.leader = null;
				}
			}
		}

		/**
		 * Waits until the expected number of participants run, have joined (their nodes
		 * are in ZooKeeper, as the observer sees) and one of them leads.
		 * @param expected the participants
		 * @param timeout how long to wait
		 */
		void awaitSettled(int expected, Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			ParticipantFleet.this.await(this.contender + " participants ready and a leader",
					() -> this.leader != null && this.leader.process().isAlive() && members().size() == expected
							&& members().stream().allMatch((member) -> member.ready),
					timeout);
			String parent = this.contender.nodeParent(this.path);
			while (nodes(parent) != expected) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Expected " + expected + " nodes under " + parent + ", found "
							+ nodes(parent) + "; see the logs in " + ParticipantFleet.this.logs);
				}
				Pause.millis(20);
			}
		}

		/**
		 * Ends every participant of the group: each leaves gracefully, then exits.
		 */
		void exitAll() {
			List<ParticipantProcess> all = read(() -> List.copyOf(this.members));
			for (ParticipantProcess member : all) {
				try {
					member.send(Protocol.EXIT);
				}
				catch (IOException ex) {
					// Already gone.
				}
			}
			for (ParticipantProcess member : all) {
				try {
					member.process().waitFor(20, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				member.stop();
				forget(member);
			}
		}

	}

}
