package dev.zkleader.fault;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * The fenced register: a tiny HTTP server on loopback that accepts a write only if its
 * token is at least the highest token it has accepted, and keeps every attempted write,
 * accepted or refused, in an append-only history (also streamed to a file, so that the
 * evidence survives a crashed harness). The instances also report their leadership events
 * and election view here.
 * <p>
 * Every change wakes the threads waiting in {@link #await}, so the nemesis waits for
 * events rather than sleeping.
 */
final class FencedRegister implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor;

	private final BufferedWriter historyFile;

	private final BufferedWriter eventsFile;

	private final List<Attempt> history = new ArrayList<>();

	private final List<LeaderEvent> events = new ArrayList<>();

	private final Map<String, Heartbeat> heartbeats = new HashMap<>();

	private long highestAccepted = Long.MIN_VALUE;

	FencedRegister(Path dir) throws IOException {
		this.historyFile = Files.newBufferedWriter(dir.resolve("history.tsv"));
		this.historyFile.write(Attempt.HEADER);
		this.historyFile.newLine();
		this.eventsFile = Files.newBufferedWriter(dir.resolve("events.tsv"));
		this.eventsFile.write(LeaderEvent.HEADER);
		this.eventsFile.newLine();
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
		// A thread per exchange: a request from a stopped process must not hold up the
		// others.
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "fenced-register");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/write", (exchange) -> handle(exchange, this::write));
		this.server.createContext("/event", (exchange) -> handle(exchange, this::event));
		this.server.createContext("/heartbeat", (exchange) -> handle(exchange, this::heartbeat));
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange, Handler handler) throws IOException {
		try (exchange) {
			Map<String, String> fields;
			try (InputStream in = exchange.getRequestBody()) {
				fields = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
			int status;
			try {
				status = handler.handle(fields);
			}
			catch (RuntimeException ex) {
				status = 400;
			}
			exchange.sendResponseHeaders(status, -1);
		}
	}

	// The fence: decided under the lock, in the order writes arrive.
	private synchronized int write(Map<String, String> fields) {
		long token = Long.parseLong(fields.get("token"));
		boolean accepted = token >= this.highestAccepted;
		if (accepted) {
			this.highestAccepted = token;
		}
		Attempt attempt = new Attempt(this.history.size() + 1, System.currentTimeMillis(), fields.get("participant"),
				token, Long.parseLong(fields.get("start")), Long.parseLong(fields.get("end")),
				Boolean.parseBoolean(fields.get("interrupted")), Boolean.parseBoolean(fields.get("stillLeading")),
				accepted);
		this.history.add(attempt);
		append(this.historyFile, attempt.toTsv());
		notifyAll();
		return accepted ? 200 : 409;
	}

	private synchronized int event(Map<String, String> fields) {
		String token = fields.getOrDefault("token", "0");
		LeaderEvent event = new LeaderEvent(System.currentTimeMillis(), fields.get("participant"), fields.get("kind"),
				token.isEmpty() ? 0 : Long.parseLong(token), Long.parseLong(fields.get("time")),
				fields.getOrDefault("reason", ""));
		this.events.add(event);
		append(this.eventsFile, event.toTsv());
		notifyAll();
		return 200;
	}

	private synchronized int heartbeat(Map<String, String> fields) {
		String participants = fields.getOrDefault("participants", "");
		String participant = fields.get("participant");
		long now = System.currentTimeMillis();
		this.heartbeats.put(participant, new Heartbeat(now, participant, Boolean.parseBoolean(fields.get("leader")),
				participants.isEmpty() ? List.of() : Arrays.asList(participants.split(","))));
		// Kept with the events (not in the file): a heartbeat is an answer of ZooKeeper,
		// so a silence shows when ZooKeeper did not answer, connected or not.
		this.events.add(new LeaderEvent(now, participant, LeaderEvent.HEARTBEAT, 0, now, ""));
		notifyAll();
		return 200;
	}

	private static void append(BufferedWriter writer, String line) {
		try {
			writer.write(line);
			writer.newLine();
			writer.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, String> parse(String body) {
		Map<String, String> fields = new HashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				fields.put(pair.substring(0, equals),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return fields;
	}

	synchronized List<Attempt> history() {
		return List.copyOf(this.history);
	}

	synchronized List<LeaderEvent> events() {
		return List.copyOf(this.events);
	}

	synchronized Map<String, Heartbeat> heartbeats() {
		return Map.copyOf(this.heartbeats);
	}

	/**
	 * Waits until the register's state satisfies a condition.
	 * @param condition tested on this register, under its lock, after every change
	 * @param timeout how long to wait at most
	 * @return whether the condition was met
	 */
	synchronized boolean await(Predicate<FencedRegister> condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.test(this)) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			try {
				// Bounded, so that conditions on the clock are re-tested without a
				// change.
				wait(Math.max(1, Math.min(left / 1_000_000, 100)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted", ex);
			}
		}
		return true;
	}

	/**
	 * The latest accepted write.
	 * @return the write, or {@code null} before the first one
	 */
	synchronized @Nullable Attempt lastAccepted() {
		for (int i = this.history.size() - 1; i >= 0; i--) {
			if (this.history.get(i).accepted()) {
				return this.history.get(i);
			}
		}
		return null;
	}

	/**
	 * The accepted writes that arrived at or after a given time, newest first.
	 * @param receivedFrom the earliest arrival (epoch ms)
	 * @return the writes
	 */
	synchronized List<Attempt> acceptedSince(long receivedFrom) {
		List<Attempt> found = new ArrayList<>();
		for (int i = this.history.size() - 1; i >= 0 && this.history.get(i).receivedAt() >= receivedFrom; i--) {
			if (this.history.get(i).accepted()) {
				found.add(this.history.get(i));
			}
		}
		return found;
	}

	@Override
	public void close() throws IOException {
		this.server.stop(0);
		this.executor.shutdownNow();
		synchronized (this) {
			this.historyFile.close();
			this.eventsFile.close();
		}
	}

	@FunctionalInterface
	private interface Handler {

		int handle(Map<String, String> fields);

	}

	/**
	 * What an instance last reported about its view of the election.
	 *
	 * @param receivedAt when the report arrived
	 * @param participant the reporting instance
	 * @param leader what {@code Leadership.isLeader()} said
	 * @param participants what {@code Leadership.participants()} said
	 */
	record Heartbeat(long receivedAt, String participant, boolean leader, List<String> participants) {
	}

}
