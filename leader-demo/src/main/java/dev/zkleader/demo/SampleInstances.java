package dev.zkleader.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.zkleader.harness.process.ChildProcess;
import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.process.Jvm;
import dev.zkleader.harness.process.Output;

/**
 * The sample instances of a demo, each a JVM of its own, and what their logs report:
 * every event goes to one listener, the end of each process included.
 */
final class SampleInstances {

	private final ChildProcesses children;

	private final String classpath;

	private final Path logs;

	private final Consumer<Timeline.Event> listener;

	private final List<ChildProcess> started = new ArrayList<>();

	SampleInstances(ChildProcesses children, String classpath, Path logs, Consumer<Timeline.Event> listener) {
		this.children = children;
		this.classpath = classpath;
		this.logs = logs;
		this.listener = listener;
	}

	/**
	 * Starts one instance of the sample application.
	 * @param name its participant id, also the name of its log
	 * @param connectString the ZooKeeper servers
	 * @param properties more of the application's properties, as {@code --name=value}
	 * @throws IOException if the process cannot be started
	 */
	void launch(String name, String connectString, List<String> properties) throws IOException {
		List<String> command = command(this.classpath, name, connectString, properties);
		ChildProcess child = this.children.start(name, command, Output.pumped(this.logs.resolve(name + ".log"),
				(line) -> Timeline.parse(line).ifPresent(this.listener)));
		this.started.add(child);
		this.listener.accept(new Timeline.Event(name, Timeline.Kind.LAUNCHED, Instant.now(), ""));
		// Reported once its last lines are read too: what it logged comes before its end.
		CompletableFuture<Instant> ended = child.process().onExit().thenApply((process) -> Instant.now());
		child.onOutputEnd()
			.thenAcceptBoth(ended, (done, at) -> this.listener.accept(new Timeline.Event(name,
					Timeline.Kind.PROCESS_ENDED, at, "exit code " + done.process().exitValue())));
	}

	/**
	 * The command line of one instance of the sample application.
	 * @param classpath the sample's class path
	 * @param name its participant id
	 * @param connectString the ZooKeeper servers
	 * @param properties more of the application's properties, as {@code --name=value}
	 * @return the command
	 */
	static List<String> command(String classpath, String name, String connectString, List<String> properties) {
		List<String> arguments = new ArrayList<>(
				List.of("--server.port=0", "--spring.main.banner-mode=off", "--leader.participant-id=" + name,
						"--leader.zookeeper.connect-string=" + connectString, "--leader.zookeeper.startup-wait=60s"));
		arguments.addAll(properties);
		return Jvm.command(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"), classpath,
				"dev.zkleader.sample.SampleApplication", arguments);
	}

	boolean noneAlive() {
		return this.started.stream().noneMatch(ChildProcess::isAlive);
	}

	/**
	 * Shuts every instance down normally (SIGTERM), all at once, and waits until they are
	 * gone.
	 */
	void stopAll() {
		ChildProcesses.stop(this.started, ChildProcesses.GRACE);
	}

}
