package dev.zkleader.benchmarks.scale;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.zkleader.benchmarks.support.BenchmarkZooKeeper;
import dev.zkleader.benchmarks.support.JvmMemory;
import dev.zkleader.benchmarks.support.MarkdownTable;
import dev.zkleader.benchmarks.support.ProcFs;
import dev.zkleader.benchmarks.support.Summary;
import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.time.Pause;
import dev.zkleader.harness.zookeeper.FourLetterWords;
import dev.zkleader.harness.zookeeper.ZooKeeperServer;

/**
 * Scale: N participants, each its own Curator client and {@code LeaderLatch}, as threads
 * of this (the driver's) JVM, against a fresh ZooKeeper server process per size.
 * <p>
 * Per size: the server's CPU time while they join and while idle (pings only), the
 * watches it holds, then repeated changes of leader: the leader closes its latch (it
 * leaves), the time to the next participant's {@code isLeader()} is measured on this
 * JVM's monotonic clock, and every participant's ZooKeeper operations are counted before
 * and after: a participant that was woken by the change reads the children (and sets a
 * new watch or leads); one that was not woken does nothing. Then the leaver rejoins at
 * the back of the queue. Finally the server's memory after a full collection.
 */
public final class ScaleBenchmark {

	private static final Duration SETTLE = Duration.ofMillis(300);

	private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

	private ScaleBenchmark() {
	}

	public static Result run(ChildProcesses children, Path workDir, Settings settings, PrintStream progress)
			throws Exception {
		long started = System.nanoTime();
		Random random = new Random(settings.seed());
		List<SizeResult> results = new ArrayList<>();
		for (int size : settings.sizes()) {
			ZooKeeperServer server = BenchmarkZooKeeper.start(children, workDir.resolve("scale-" + size));
			try {
				results.add(runSize(server, size, settings, random, progress));
			}
			finally {
				server.stop();
			}
		}
		return new Result(settings, results, Duration.ofNanos(System.nanoTime() - started));
	}

	private static SizeResult runSize(ZooKeeperServer server, int size, Settings settings, Random random,
			PrintStream progress) throws Exception {
		long pid = server.pid();
		Pause.millis(1000);
		long rssEmptyKb = ProcFs.rssKb(pid);
		String path = "/benchmarks/scale";
		Object grants = new Object();
		List<ScaleParticipant> participants = new ArrayList<>();
		try {
			long cpuBeforeJoin = ProcFs.cpuMillis(pid);
			long joinStarted = System.nanoTime();
			for (int i = 0; i < size; i++) {
				ScaleParticipant participant = new ScaleParticipant("p" + i, server.connectString(), path,
						settings.sessionTimeout(), grants);
				participants.add(participant);
				participant.start();
			}
			awaitJoined(participants, path, size);
			Duration joinTime = Duration.ofNanos(System.nanoTime() - joinStarted);
			long joinCpu = ProcFs.cpuMillis(pid) - cpuBeforeJoin;
			Watches watches = awaitWatches(server, path, size);
			long idleCpuBefore = ProcFs.cpuMillis(pid);
			long idleStarted = System.nanoTime();
			Pause.of(settings.idleWindow());
			double idleCpuPercent = 100.0 * (ProcFs.cpuMillis(pid) - idleCpuBefore)
					/ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - idleStarted);
			List<Double> latencies = new ArrayList<>();
			List<Integer> woken = new ArrayList<>();
			List<Long> operationsOfOthers = new ArrayList<>();
			Map<String, Long> wokenOperations = new TreeMap<>();
			long changesCpuBefore = ProcFs.cpuMillis(pid);
			for (int change = 0; change < settings.changes(); change++) {
				Pause.millis(200 + random.nextInt(500));
				ScaleParticipant leader = leader(participants);
				List<Map<String, Long>> before = participants.stream().map(ScaleParticipant::operationsByKind).toList();
				long left = System.nanoTime();
				leader.leave();
				ScaleParticipant next = awaitNextLeader(participants, leader, left, grants);
				latencies.add((next.grantedNanos() - left) / 1_000_000.0);
				Pause.of(SETTLE);
				int wokenHere = 0;
				long operations = 0;
				for (int i = 0; i < participants.size(); i++) {
					ScaleParticipant participant = participants.get(i);
					if (participant == leader) {
						continue;
					}
					Map<String, Long> now = participant.operationsByKind();
					long delta = 0;
					for (Map.Entry<String, Long> kind : now.entrySet()) {
						long added = kind.getValue() - before.get(i).getOrDefault(kind.getKey(), 0L);
						if (added > 0) {
							delta += added;
							wokenOperations.merge(kind.getKey(), added, Long::sum);
						}
					}
					if (delta > 0) {
						wokenHere++;
						operations += delta;
					}
				}
				woken.add(wokenHere);
				operationsOfOthers.add(operations);
				leader.join();
				awaitJoined(participants, path, size);
			}
			long cpuPerChange = (ProcFs.cpuMillis(pid) - changesCpuBefore) / settings.changes();
			long rssLoadedKb = ProcFs.rssKb(pid);
			JvmMemory memory = JvmMemory.afterFullGc(pid);
			SizeResult result = new SizeResult(size, joinTime, joinCpu, watches, idleCpuPercent, latencies, woken,
					operationsOfOthers, wokenOperations, cpuPerChange, rssEmptyKb, rssLoadedKb, memory);
			progress.printf(Locale.ROOT,
					"  %d participants: joined in %.1f s, re-election median %.1f ms, woken per change %d..%d, "
							+ "server idle CPU %.1f %%, RSS %d MB%n",
					size, joinTime.toMillis() / 1000.0, Summary.median(latencies),
					woken.stream().mapToInt(Integer::intValue).min().orElse(0),
					woken.stream().mapToInt(Integer::intValue).max().orElse(0), idleCpuPercent, rssLoadedKb / 1024);
			return result;
		}
		finally {
			// Latches first, one by one, and let the callbacks in flight finish: a client
			// closed under a latch that is still reacting makes Curator log errors.
			participants.forEach(ScaleParticipant::leaveQuietly);
			Pause.millis(500);
			participants.parallelStream().forEach(ScaleParticipant::close);
		}
	}

	private static ScaleParticipant leader(List<ScaleParticipant> participants) {
		List<ScaleParticipant> leaders = participants.stream().filter(ScaleParticipant::leads).toList();
		if (leaders.size() != 1) {
			throw new IllegalStateException("Expected one leader, found " + leaders.size());
		}
		return leaders.get(0);
	}

	private static ScaleParticipant awaitNextLeader(List<ScaleParticipant> participants, ScaleParticipant leaver,
			long since, Object grants) throws InterruptedException {
		long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
		synchronized (grants) {
			while (true) {
				for (ScaleParticipant participant : participants) {
					if (participant != leaver && participant.grantedNanos() > since) {
						return participant;
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new IllegalStateException("No new leader within " + STEP_TIMEOUT);
				}
				TimeUnit.NANOSECONDS.timedWait(grants, left);
			}
		}
	}

	// A follower sets its watch right after it has read the children: let the last ones
	// land before reading the server's watches.
	private static Watches awaitWatches(ZooKeeperServer server, String path, int size) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		Watches watches = Watches.of(FourLetterWords.watchesByPath(server.clientPort()), path);
		while (watches.latchNodesWatched() < size - 1 && System.nanoTime() < deadline) {
			Pause.millis(50);
			watches = Watches.of(FourLetterWords.watchesByPath(server.clientPort()), path);
		}
		return watches;
	}

	// Every participant's node is in place and one of them leads.
	private static void awaitJoined(List<ScaleParticipant> participants, String path, int size) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (participants.get(0).client().getChildren().forPath(path).size() != size
				|| participants.stream().noneMatch(ScaleParticipant::leads)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The " + size + " participants did not all join");
			}
			Pause.millis(20);
		}
	}

	/**
	 * The watches the server holds ({@code wchp}), on the election's nodes and elsewhere.
	 *
	 * @param latchNodesWatched latch nodes with at least one watch
	 * @param mostWatchersOfOneLatchNode the most sessions watching one latch node (1:
	 * each node is watched by its successor only, no herd)
	 * @param otherPaths watched paths outside the election, with their watcher counts
	 * (Curator's ensemble tracker watches {@code /zookeeper/config} from every client; it
	 * fires on an ensemble reconfiguration only)
	 */
	public record Watches(int latchNodesWatched, int mostWatchersOfOneLatchNode, Map<String, Integer> otherPaths) {

		static Watches of(Map<String, List<String>> byPath, String electionPath) {
			int nodes = 0;
			int most = 0;
			Map<String, Integer> others = new TreeMap<>();
			for (Map.Entry<String, List<String>> entry : byPath.entrySet()) {
				if (entry.getKey().startsWith(electionPath + "/")) {
					nodes++;
					most = Math.max(most, entry.getValue().size());
				}
				else {
					others.put(entry.getKey(), entry.getValue().size());
				}
			}
			return new Watches(nodes, most, others);
		}

	}

	/**
	 * How the benchmark runs.
	 *
	 * @param sizes the numbers of participants
	 * @param changes leader changes per size
	 * @param sessionTimeout every participant's session timeout
	 * @param idleWindow how long the server's idle CPU use is measured
	 * @param seed seeds the pauses
	 */
	public record Settings(List<Integer> sizes, int changes, Duration sessionTimeout, Duration idleWindow, long seed) {

	}

	/**
	 * One size's outcome.
	 *
	 * @param participants how many
	 * @param joinTime from the first client's start to all nodes in place
	 * @param joinCpuMillis server CPU time while they joined
	 * @param watches the watches the server holds once all joined
	 * @param idleCpuPercent server CPU use while nothing changes, in % of one core
	 * @param latencyMillis re-election latency of each change
	 * @param woken participants (other than the leaver) that performed any ZooKeeper
	 * operation in reaction to each change
	 * @param operationsOfOthers their ZooKeeper operations per change
	 * @param wokenOperations their ZooKeeper operations over all changes, by Curator's
	 * trace name
	 * @param cpuMillisPerChange server CPU time per change, rejoin included
	 * @param rssEmptyKb server RSS before any participant joined
	 * @param rssLoadedKb server RSS after the changes
	 * @param memory server memory after a full collection, at the end
	 */
	public record SizeResult(int participants, Duration joinTime, long joinCpuMillis, Watches watches,
			double idleCpuPercent, List<Double> latencyMillis, List<Integer> woken, List<Long> operationsOfOthers,
			Map<String, Long> wokenOperations, long cpuMillisPerChange, long rssEmptyKb, long rssLoadedKb,
			JvmMemory memory) {

	}

	/**
	 * The outcome.
	 *
	 * @param settings how it ran
	 * @param sizes per size
	 * @param elapsed how long it took
	 */
	public record Result(Settings settings, List<SizeResult> sizes, Duration elapsed) {

		public String latencyTable() {
			MarkdownTable table = new MarkdownTable(">Participants", ">changes", ">re-election min ms", ">median ms",
					">p99 ms", ">max ms", ">woken per change (min–max)", ">ZooKeeper ops by the others per change",
					">latch nodes watched", ">most sessions watching one");
			for (SizeResult size : this.sizes) {
				Summary latency = Summary.of(size.latencyMillis());
				table.row(size.participants(), latency.n(), MarkdownTable.fixed(latency.min(), 1),
						MarkdownTable.fixed(latency.median(), 1), MarkdownTable.fixed(latency.p99(), 1),
						MarkdownTable.fixed(latency.max(), 1),
						size.woken().stream().mapToInt(Integer::intValue).min().orElse(0) + "–"
								+ size.woken().stream().mapToInt(Integer::intValue).max().orElse(0),
						size.operationsOfOthers().stream().mapToLong(Long::longValue).min().orElse(0) + "–"
								+ size.operationsOfOthers().stream().mapToLong(Long::longValue).max().orElse(0),
						size.watches().latchNodesWatched(), size.watches().mostWatchersOfOneLatchNode());
			}
			return table.toString();
		}

		public String serverTable() {
			MarkdownTable table = new MarkdownTable(">Participants", ">join s", ">server CPU to join ms",
					">server CPU idle % of a core", ">server CPU per change ms", ">RSS empty MB", ">RSS loaded MB",
					">heap after GC MB", ">threads");
			for (SizeResult size : this.sizes) {
				table.row(size.participants(), MarkdownTable.fixed(size.joinTime().toMillis() / 1000.0, 1),
						size.joinCpuMillis(), MarkdownTable.fixed(size.idleCpuPercent(), 1), size.cpuMillisPerChange(),
						size.rssEmptyKb() / 1024, size.rssLoadedKb() / 1024,
						MarkdownTable.fixed(size.memory().heapUsedKb() / 1024.0, 1), size.memory().threads());
			}
			return table.toString();
		}

	}

}
