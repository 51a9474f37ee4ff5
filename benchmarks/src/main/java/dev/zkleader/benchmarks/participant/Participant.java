package dev.zkleader.benchmarks.participant;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

import dev.zkleader.benchmarks.participant.Protocol.Kind;
import dev.zkleader.benchmarks.support.EpochMicros;

/**
 * The main class of a participant process: joins the election with one contender's
 * implementation, reports each grant, and on {@link Protocol#STOP} leaves gracefully
 * (stamping the moment the shutdown starts) and joins again as a fresh instance at the
 * back of the queue. Exits on {@link Protocol#EXIT}, or when its standard input closes
 * (the driver is gone).
 * <p>
 * Arguments: {@code --contender=RAW|SPRING_INTEGRATION|STARTER --connect=host:port
 * --path=/election --id=name --session-timeout-ms=3000}, optionally
 * {@code --job-period-ms=5 --job-work-ms=20} to run the leader-only {@link LeaderJob},
 * optionally followed by {@code --} and arguments for the Spring Boot application (Spring
 * contenders only).
 */
public final class Participant {

	private static final PrintStream out = System.out;

	private Participant() {
	}

	public static void main(String[] args) throws Exception {
		List<String> all = List.of(args);
		int separator = all.indexOf("--");
		Map<String, String> options = options((separator < 0) ? all : all.subList(0, separator));
		List<String> springArguments = (separator < 0) ? List.of() : all.subList(separator + 1, all.size());
		Contender contender = Contender.valueOf(options.get("contender"));
		ParticipantTracer tracer = new ParticipantTracer(
				(micros) -> out.println(Protocol.line(Kind.DELETE_SENT, micros)));
		AtomicReference<Membership> current = new AtomicReference<>();
		LongConsumer granted = (micros) -> out.println(Protocol.line(Kind.GRANTED, micros, tracer.childrenReadMicros(),
				current.get().grantPublishedMicros(), current.get().grantLoggedMicros(), tracer.dataReadMicros()));
		boolean job = options.containsKey("job-period-ms");
		// Revocations are reported only with the job: the handover measures the leader's
		// shutdown, which a report line would lengthen.
		LongConsumer revoked = job ? (micros) -> out.println(Protocol.line(Kind.REVOKED, micros)) : (micros) -> {
		};
		Settings settings = new Settings(options.get("connect"), options.get("path"), options.get("id"),
				Duration.ofMillis(Long.parseLong(options.get("session-timeout-ms"))), granted, revoked, tracer,
				springArguments);
		Membership membership = contender.membership(settings);
		current.set(membership);
		join(membership);
		if (job) {
			LeaderJob.start(membership, Duration.ofMillis(Long.parseLong(options.get("job-period-ms"))),
					Duration.ofMillis(Long.parseLong(options.getOrDefault("job-work-ms", "20"))), out);
		}
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String command;
		while ((command = in.readLine()) != null) {
			if (Protocol.STOP.equals(command)) {
				long started = EpochMicros.now();
				membership.leave();
				long ended = EpochMicros.now();
				out.println(Protocol.line(Kind.STOPPED, started, ended, membership.revokePublishedMicros(),
						membership.revokeLoggedMicros(), membership.contextClosedMicros()));
				join(membership);
			}
			else if (Protocol.EXIT.equals(command)) {
				membership.leave();
				System.exit(0);
			}
		}
		System.exit(0);
	}

	private static void join(Membership membership) throws Exception {
		membership.join();
		out.println(Protocol.line(Kind.READY, EpochMicros.now(), membership.negotiatedSessionTimeoutMillis()));
	}

	private static Map<String, String> options(List<String> args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Expected --name=value, got " + arg);
			}
			options.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		for (String required : new String[] { "contender", "connect", "path", "id", "session-timeout-ms" }) {
			if (!options.containsKey(required)) {
				throw new IllegalArgumentException("Missing --" + required + "=...");
			}
		}
		return options;
	}

}
