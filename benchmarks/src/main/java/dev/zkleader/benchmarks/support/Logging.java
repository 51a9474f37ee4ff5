package dev.zkleader.benchmarks.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging of the JVMs that Spring Boot does not configure. The configurations are class
 * path resources named apart from {@code logback.xml}, which Spring Boot would pick up in
 * the contenders' processes too.
 */
public final class Logging {

	/**
	 * Raw Curator participants: INFO, as the Spring Boot contenders log by default.
	 */
	public static final String PARTICIPANT = "dev/zkleader/benchmarks/participant-logback.xml";

	private Logging() {
	}

	/**
	 * Lets only warnings through in this JVM (the driver, a JMH fork), so that the
	 * console shows the benchmarks' progress: Logback alone would log at DEBUG. Done in
	 * code rather than with {@code logback.configurationFile}, which Spring Boot, started
	 * in the same JVM by the gating benchmark, would warn about.
	 */
	public static void quietDriver() {
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.WARN);
		// The in-JVM test server warns about a default it is meant to use.
		((Logger) LoggerFactory.getLogger("org.apache.zookeeper.server.ServerCnxnFactory")).setLevel(Level.ERROR);
		// The maintenance benchmark restarts servers on purpose: the observer client's
		// reconnect warnings (with stack traces) would bury the progress lines.
		((Logger) LoggerFactory.getLogger("org.apache.zookeeper.ClientCnxn")).setLevel(Level.ERROR);
	}

}
