package dev.zkleader.harness.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.zkleader.harness.time.Pause;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Real child JVMs: their output, their PID file, signals, and the end of every one of
 * them when the registry closes, when the caller fails, and when the JVM that started
 * them is terminated.
 */
class ChildProcessesTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@TempDir
	Path dir;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final ChildProcesses outer = new ChildProcesses();

	@AfterEach
	void endEverything() {
		this.outer.close();
	}

	@Test
	void pumpedOutputReachesTheListenerAndTheLogAndThePidFileNamesTheProcess() throws Exception {
		Path pidFile = this.dir.resolve("children.pids");
		try (ChildProcesses children = new ChildProcesses(pidFile)) {
			ChildProcess ticker = ticker(children, Output.pumped(this.dir.resolve("ticker.log"), this.lines::add));
			await().atMost(PATIENCE).until(() -> this.lines.size() >= 3);
			assertThat(this.lines).startsWith("tick 0", "tick 1", "tick 2");
			assertThat(Files.readAllLines(ticker.log())).startsWith("tick 0", "tick 1", "tick 2");
			assertThat(Files.readString(pidFile)).isEqualTo(ticker.pid() + " ticker\n");
		}
		assertThat(pidFile).doesNotExist();
	}

	@Test
	void outputEndsOnlyOnceTheListenerHasSeenTheLastLine() throws Exception {
		// A slow listener: the process is long gone before its lines are all read.
		ChildProcess printer = this.outer.start("printer", List.of("seq", "1", "300"),
				Output.pumped(this.dir.resolve("printer.log"), (line) -> {
					Pause.millis(2);
					this.lines.add(line);
				}));
		int seenAtEnd = printer.onOutputEnd().thenApply((ended) -> this.lines.size()).get(60, TimeUnit.SECONDS);
		assertThat(seenAtEnd).isEqualTo(300);
		assertThat(this.lines).endsWith("300");
	}

	@Test
	void whatAStoppedProcessPrintsWhileItShutsDownIsStillPumped() throws Exception {
		ChildProcess shell = this.outer.start("shell",
				List.of("sh", "-c",
						"trap 'echo shutting down; exit 0' TERM; echo ready; while true; do sleep 0.05; done"),
				Output.pumped(this.dir.resolve("shell.log"), this.lines::add));
		await().atMost(PATIENCE).until(() -> this.lines.contains("ready"));
		shell.stop(PATIENCE);
		shell.onOutputEnd().get(60, TimeUnit.SECONDS);
		assertThat(shell.process().exitValue()).isZero();
		assertThat(this.lines).containsExactly("ready", "shutting down");
	}

	@Test
	void aListenerThatFailsOnALineDoesNotStopThePump() throws Exception {
		ChildProcess printer = this.outer.start("printer", List.of("seq", "1", "5"),
				Output.pumped(this.dir.resolve("printer.log"), (line) -> {
					if (line.equals("2")) {
						throw new IllegalArgumentException("unreadable");
					}
					this.lines.add(line);
				}));
		printer.onOutputEnd().get(60, TimeUnit.SECONDS);
		assertThat(this.lines).containsExactly("1", "3", "4", "5");
		assertThat(Files.readAllLines(printer.log())).containsExactly("1", "2",
				"(the driver could not read the line above: java.lang.IllegalArgumentException: unreadable)", "3", "4",
				"5");
	}

	@Test
	void pauseFreezesTheProcessAndResumeLetsItContinue() throws Exception {
		ChildProcess ticker = ticker(this.outer, Output.pumped(this.dir.resolve("ticker.log"), this.lines::add));
		await().atMost(PATIENCE).until(() -> this.lines.size() >= 3);
		ticker.pause();
		await().atMost(PATIENCE).until(() -> state(ticker).equals("T"));
		int frozenAt = this.lines.size();
		await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> this.lines.size() <= frozenAt + 1);
		ticker.resume();
		await().atMost(PATIENCE).until(() -> this.lines.size() > frozenAt + 5);
		assertThat(state(ticker)).isNotEqualTo("T");
	}

	@Test
	void killEndsTheProcessAtOnceWithSigkill() throws Exception {
		ChildProcess ticker = ticker(this.outer, Output.toFile(this.dir.resolve("ticker.log")));
		await().atMost(PATIENCE).until(() -> Files.readString(ticker.log()).contains("tick 1"));
		ticker.kill();
		assertThat(ticker.isAlive()).isFalse();
		assertThat(ticker.process().exitValue()).isEqualTo(128 + 9);
		assertThatIllegalStateException().isThrownBy(ticker::pause).withMessageContaining("kill -STOP");
	}

	@Test
	void closingEndsEveryChildEvenAFrozenOneWhenTheCallerFails() throws Exception {
		List<ChildProcess> started = new CopyOnWriteArrayList<>();
		Path pidFile = this.dir.resolve("children.pids");
		try (ChildProcesses children = new ChildProcesses(pidFile)) {
			started.add(ticker(children, Output.toFile(this.dir.resolve("running.log"))));
			ChildProcess frozen = ticker(children, Output.toFile(this.dir.resolve("frozen.log")));
			started.add(frozen);
			await().atMost(PATIENCE).until(() -> Files.readString(frozen.log()).contains("tick 1"));
			frozen.pause();
			await().atMost(PATIENCE).until(() -> state(frozen).equals("T"));
			throw new IllegalStateException("the caller fails");
		}
		catch (IllegalStateException ex) {
			assertThat(ex).hasMessage("the caller fails");
		}
		assertThat(started).hasSize(2).noneMatch(ChildProcess::isAlive);
		// Ended by SIGTERM (exit code 143), not killed: the frozen one was resumed first.
		assertThat(started).allMatch((child) -> child.process().exitValue() == 128 + 15);
		assertThat(pidFile).doesNotExist();
	}

	@Test
	void aTerminatedJvmEndsItsChildrenOnItsWayOut() throws Exception {
		Path pidFile = this.dir.resolve("parent").resolve("children.pids");
		ChildProcess parent = this.outer.start("parent",
				Jvm.command(List.of("-Xmx64m"), Jvm.classpath(), Parent.class.getName(), List.of(pidFile.toString())),
				Output.pumped(this.dir.resolve("parent.log"), this.lines::add));
		await().atMost(PATIENCE).until(() -> this.lines.contains("ready"));
		long grandchild = Long.parseLong(Files.readString(pidFile).split(" ")[0]);
		assertThat(ProcessHandle.of(grandchild)).hasValueSatisfying((handle) -> assertThat(handle.isAlive()).isTrue());

		parent.signal(Signal.TERM);

		assertThat(parent.awaitExit(PATIENCE)).isTrue();
		await().atMost(PATIENCE)
			.until(() -> ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false), (alive) -> !alive);
		assertThat(pidFile).doesNotExist();
	}

	@Test
	void theShellHelperEndsTheListedProcessesOfOursAndNoOther() throws Exception {
		ChildProcess ours = ticker(this.outer, Output.toFile(this.dir.resolve("ours.log")));
		ChildProcess frozen = ticker(this.outer, Output.toFile(this.dir.resolve("frozen.log")));
		await().atMost(PATIENCE).until(() -> Files.readString(frozen.log()).contains("tick 1"));
		frozen.pause();
		// Stands for a PID that another program reused after ours ended.
		ChildProcess foreign = this.outer.start("foreign", List.of("sleep", "600"),
				Output.toFile(this.dir.resolve("foreign.log")));
		Path pidFile = this.dir.resolve("listed.pids");
		Files.writeString(pidFile, ours.pid() + " ours\n" + frozen.pid() + " frozen\n" + foreign.pid() + " foreign\n");

		String script = Path.of("src", "main", "sh", "child-processes.sh").toAbsolutePath().toString();
		String printed = ShortCommand.run(
				List.of("bash", "-c", "source \"$1\" && end_children \"$2\"", "bash", script, pidFile.toString()),
				PATIENCE);

		assertThat(printed).isEmpty();
		assertThat(ours.awaitExit(PATIENCE)).isTrue();
		assertThat(frozen.awaitExit(PATIENCE)).isTrue();
		assertThat(ours.process().exitValue()).isEqualTo(128 + 9);
		assertThat(foreign.isAlive()).isTrue();
		assertThat(pidFile).doesNotExist();
	}

	@Test
	void theShellHelperReadsAnOptionInEitherForm() throws IOException {
		assertThat(optionValue("--output", "default")).isEqualTo("default");
		assertThat(optionValue("--output", "default", "--faults", "8", "--output", "one")).isEqualTo("one");
		assertThat(optionValue("--output", "default", "--output=one", "--output", "two")).isEqualTo("two");
		assertThat(optionValue("--output", "default", "--output", "one", "--output=two")).isEqualTo("two");
	}

	@Test
	void theShellHelperPreparesADriverAndCleansUpItsPidFileOnExit() throws IOException {
		Path output = this.dir.resolve("out");
		Files.createDirectories(output);
		Files.writeString(output.resolve("driver.pids"), "");
		String printed = shell("prepare_driver some-module ignored driver.pids \"the driver\" --help --output " + output
				+ " && echo \"$output ${driver_args[*]}\"");
		assertThat(printed).isEqualTo(output + " --help");
		assertThat(output.resolve("driver.pids")).doesNotExist();
	}

	private static String shell(String commands) throws IOException {
		String script = Path.of("src", "main", "sh", "child-processes.sh").toAbsolutePath().toString();
		return ShortCommand.run(List.of("bash", "-c", "source \"$1\" && " + commands, "bash", script), PATIENCE)
			.strip();
	}

	private static String optionValue(String... arguments) throws IOException {
		String script = Path.of("src", "main", "sh", "child-processes.sh").toAbsolutePath().toString();
		List<String> command = new ArrayList<>(
				List.of("bash", "-c", "source \"$1\" && shift && option_value \"$@\"", "bash", script));
		command.addAll(List.of(arguments));
		return ShortCommand.run(command, PATIENCE).strip();
	}

	private ChildProcess ticker(ChildProcesses children, Output output) throws IOException {
		return children.start("ticker",
				Jvm.command(List.of("-Xmx32m"), Jvm.classpath(), Ticker.class.getName(), List.of()), output);
	}

	// The state letter in /proc/PID/stat: T while stopped by a signal.
	private static String state(ChildProcess child) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(child.pid()), "stat"));
		return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
	}

}
