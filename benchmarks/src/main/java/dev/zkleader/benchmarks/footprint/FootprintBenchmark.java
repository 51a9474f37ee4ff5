package dev.zkleader.benchmarks.footprint;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToDoubleFunction;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.zkleader.benchmarks.footprint.plain.PlainApplication;
import dev.zkleader.benchmarks.support.JvmMemory;
import dev.zkleader.benchmarks.support.MarkdownTable;
import dev.zkleader.benchmarks.support.Summary;
import dev.zkleader.harness.process.ChildProcess;
import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.process.Jvm;
import dev.zkleader.harness.process.Output;
import dev.zkleader.harness.process.ShortCommand;
import dev.zkleader.harness.time.Pause;
import dev.zkleader.harness.zookeeper.ZooKeeperServer;

import org.springframework.util.FileSystemUtils;

/**
 * Footprint of the sample application: time to Spring Boot's "Started" line and memory
 * after a full collection, with the starter (election running against the ZooKeeper
 * server), with the starter switched off ({@code --leader.enabled=false}: on the class
 * path, no ZooKeeper client), and without it (the same application shape and class path
 * minus the starter and the jars only it brings).
 * <p>
 * The class path is the sample application's own: its executable jar unpacked with Spring
 * Boot's jar-mode tools. Every variant runs with the JVM's default options, as the
 * sample's Docker image does, in interleaved random order.
 */
public final class FootprintBenchmark {

	private static final Pattern STARTED = Pattern
		.compile("Started (\\S+) in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private static final Duration SETTLE = Duration.ofSeconds(3);

	// The artifacts only the starter (and the sample) bring, found with `mvn
	// dependency:tree`: the starter, Curator, ZooKeeper and ZooKeeper's own dependencies.
	private static final List<String> STARTER_ONLY = List.of("leader-sample-app-", "leader-starter-", "curator-",
			"zookeeper-", "audience-annotations-", "netty-", "commons-io-");

	private FootprintBenchmark() {
	}

	public static Result run(ChildProcesses children, Path logs, ZooKeeperServer server, Path sampleExecutableJar,
			Path workDir, Settings settings, PrintStream progress) throws IOException, URISyntaxException {
		long begun = System.nanoTime();
		List<String> sampleClasspath = extract(sampleExecutableJar, workDir.resolve("sample-app"));
		List<String> plainClasspath = new ArrayList<>();
		plainClasspath.add(
				Path.of(PlainApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
		sampleClasspath.stream()
			.filter((entry) -> STARTER_ONLY.stream().noneMatch((prefix) -> fileName(entry).startsWith(prefix)))
			.forEach(plainClasspath::add);
		Map<Variant, List<Sample>> samples = new EnumMap<>(Variant.class);
		List<Variant> order = new ArrayList<>(List.of(Variant.values()));
		Random random = new Random(settings.seed());
		int launch = 0;
		for (int rep = 0; rep < settings.repetitions(); rep++) {
			Collections.shuffle(order, random);
			for (Variant variant : order) {
				List<String> command = new ArrayList<>(List.of(Jvm.java(), "-cp"));
				if (variant == Variant.WITHOUT_STARTER) {
					command.add(String.join(File.pathSeparator, plainClasspath));
					command.addAll(List.of(PlainApplication.class.getName(), "--spring.application.name=leader-sample",
							"--management.endpoints.web.exposure.include=health,info",
							"--management.endpoint.health.show-details=always"));
				}
				else {
					command.add(String.join(File.pathSeparator, sampleClasspath));
					command.add("dev.zkleader.sample.SampleApplication");
					command.add((variant == Variant.WITH_STARTER)
							? "--leader.zookeeper.connect-string=" + server.connectString() : "--leader.enabled=false");
				}
				command.addAll(List.of("--server.port=0", "--spring.main.banner-mode=off"));
				Sample sample = measure(children, logs,
						"footprint-" + (++launch) + "-" + variant.name().toLowerCase(Locale.ROOT), command);
				samples.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(sample);
				progress.printf(Locale.ROOT, "  %-45s started in %.2f s, heap after GC %.1f MB, RSS %d MB%n",
						variant.title(), sample.startedMillis() / 1000.0, sample.memory().heapUsedKb() / 1024.0,
						sample.memory().rssKb() / 1024);
			}
		}
		return new Result(settings, samples, Duration.ofNanos(System.nanoTime() - begun));
	}

	private static Sample measure(ChildProcesses children, Path logs, String name, List<String> command)
			throws IOException {
		CompletableFuture<Matcher> startedLine = new CompletableFuture<>();
		long launched = System.nanoTime();
		long[] seen = new long[1];
		ChildProcess process = children.start(name, command, Output.pumped(logs.resolve(name + ".log"), (line) -> {
			Matcher matcher = STARTED.matcher(line);
			if (!startedLine.isDone() && matcher.find()) {
				seen[0] = System.nanoTime();
				startedLine.complete(matcher);
			}
		}));
		try {
			Matcher started = startedLine.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			double startedMillis = (seen[0] - launched) / 1_000_000.0;
			Pause.of(SETTLE);
			JvmMemory memory = JvmMemory.afterFullGc(process.pid());
			return new Sample(startedMillis, Double.parseDouble(started.group(2)), Double.parseDouble(started.group(3)),
					memory);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException(
					name + " did not log 'Started' within " + START_TIMEOUT + "; see " + process.log(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			process.stop(ChildProcesses.GRACE);
		}
	}

	/**
	 * Unpacks the sample's executable jar the way Spring Boot recommends for production
	 * ({@code java -Djarmode=tools -jar app.jar extract}): the application's jar and its
	 * libraries as plain jars.
	 * @param executableJar the sample's executable jar
	 * @param destination an empty or missing directory
	 * @return the class path: the application's jar, then its libraries in the order its
	 * manifest lists them
	 * @throws IOException if extracting fails
	 */
	static List<String> extract(Path executableJar, Path destination) throws IOException {
		FileSystemUtils.deleteRecursively(destination);
		ShortCommand.run(List.of(Jvm.java(), "-Djarmode=tools", "-jar", executableJar.toString(), "extract",
				"--destination", destination.toString()), Duration.ofMinutes(2));
		Path applicationJar = destination.resolve(executableJar.getFileName());
		List<String> classpath = new ArrayList<>();
		classpath.add(applicationJar.toString());
		try (JarFile jar = new JarFile(applicationJar.toFile())) {
			String libraries = jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
			for (String library : libraries.trim().split("\\s+")) {
				classpath.add(destination.resolve(library).toString());
			}
		}
		return classpath;
	}

	private static String fileName(String entry) {
		return Path.of(entry).getFileName().toString();
	}

	/**
	 * The application variants compared.
	 */
	public enum Variant {

		/**
		 * The sample application, electing a leader.
		 */
		WITH_STARTER("sample app with the starter (election on)"),

		/**
		 * The sample application with {@code --leader.enabled=false}.
		 */
		STARTER_DISABLED("sample app, --leader.enabled=false"),

		/**
		 * The same shape without the starter on the class path.
		 */
		WITHOUT_STARTER("same app without the starter on the class path");

		private final String title;

		Variant(String title) {
			this.title = title;
		}

		public String title() {
			return this.title;
		}

	}

	/**
	 * One launch.
	 *
	 * @param startedMillis from launching the process to its "Started" line, as the
	 * driver saw it
	 * @param bootStartedSeconds Spring Boot's own "Started ... in" figure
	 * @param processRunningSeconds Spring Boot's "process running for" figure (JVM
	 * uptime)
	 * @param memory memory after a full collection, 3 s after the "Started" line
	 */
	public record Sample(double startedMillis, double bootStartedSeconds, double processRunningSeconds,
			JvmMemory memory) {

	}

	/**
	 * How the benchmark runs.
	 *
	 * @param repetitions launches per variant
	 * @param seed seeds the order
	 */
	public record Settings(int repetitions, long seed) {

	}

	/**
	 * The outcome.
	 *
	 * @param settings how it ran
	 * @param samples per variant
	 * @param elapsed how long it took
	 */
	public record Result(Settings settings, Map<Variant, List<Sample>> samples, Duration elapsed) {

		public String table() {
			MarkdownTable table = new MarkdownTable("Variant", ">n", ">to \"Started\" s (median)",
					">Boot's \"started in\" s", ">heap after GC MB", ">metaspace MB", ">classes loaded", ">RSS MB",
					">threads");
			this.samples.forEach((variant, list) -> table.row(variant.title(), list.size(),
					MarkdownTable.fixed(median(list, (s) -> s.startedMillis() / 1000.0), 2),
					MarkdownTable.fixed(median(list, Sample::bootStartedSeconds), 2),
					MarkdownTable.fixed(median(list, (s) -> s.memory().heapUsedKb() / 1024.0), 1),
					MarkdownTable.fixed(median(list, (s) -> s.memory().metaspaceUsedKb() / 1024.0), 1),
					MarkdownTable.fixed(median(list, (s) -> (double) s.memory().loadedClasses()), 0),
					MarkdownTable.fixed(median(list, (s) -> s.memory().rssKb() / 1024.0), 0),
					MarkdownTable.fixed(median(list, (s) -> (double) s.memory().threads()), 0)));
			return table.toString();
		}

		private static double median(List<Sample> list, ToDoubleFunction<Sample> value) {
			return Summary.median(list.stream().map(value::applyAsDouble).toList());
		}

	}

}
