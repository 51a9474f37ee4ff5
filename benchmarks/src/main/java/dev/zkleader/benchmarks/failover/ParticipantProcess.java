package dev.zkleader.benchmarks.failover;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import dev.zkleader.benchmarks.participant.Contender;
import dev.zkleader.harness.process.ChildProcess;
import dev.zkleader.harness.process.ChildProcesses;

/**
 * The driver's handle on one participant process and what it last reported. Written by
 * the process's output pump, read by the benchmark thread, both under the fleet's
 * monitor.
 */
final class ParticipantProcess {

	private final String name;

	private final Contender contender;

	private final ChildProcess child;

	private final BufferedWriter commands;

	boolean ready;

	int sessionTimeoutMillis;

	int grants;

	long lastGrantMicros;

	long lastChildrenReadMicros;

	long lastGrantPublishedMicros;

	long lastGrantLoggedMicros;

	long lastDataReadMicros;

	long lastDeleteSentMicros;

	int stops;

	long lastStopStartMicros;

	long lastStopEndMicros;

	long lastRevokePublishedMicros;

	long lastRevokeLoggedMicros;

	long lastContextClosedMicros;

	ParticipantProcess(String name, Contender contender, ChildProcess child) {
		this.name = name;
		this.contender = contender;
		this.child = child;
		this.commands = new BufferedWriter(
				new OutputStreamWriter(child.process().getOutputStream(), StandardCharsets.UTF_8));
	}

	String name() {
		return this.name;
	}

	Contender contender() {
		return this.contender;
	}

	Process process() {
		return this.child.process();
	}

	/**
	 * Ends the process (SIGTERM, then SIGKILL if it does not end in time).
	 */
	void stop() {
		this.child.stop(ChildProcesses.GRACE);
	}

	void send(String command) throws IOException {
		this.commands.write(command);
		this.commands.newLine();
		this.commands.flush();
	}

	@Override
	public String toString() {
		return this.name;
	}

}
