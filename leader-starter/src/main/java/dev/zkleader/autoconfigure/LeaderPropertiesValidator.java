package dev.zkleader.autoconfigure;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.zkleader.LeaderElections;
import org.apache.curator.utils.PathUtils;
import org.jspecify.annotations.Nullable;

/**
 * Checks the bound {@link LeaderProperties} before anything is built from them, so that a
 * bad value fails start-up with a message that names the property and the fix instead of
 * surfacing later inside Curator or ZooKeeper.
 */
final class LeaderPropertiesValidator {

	// host[:port], where host is a name, an IPv4 address or a bracketed IPv6 address.
	private static final Pattern SERVER = Pattern
		.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(?::(\\d{1,5}))?");

	// Curator's ExponentialBackoffRetry caps retries here (beyond it the sleep would
	// overflow).
	static final int MAX_RETRIES_LIMIT = 29;

	private LeaderPropertiesValidator() {
	}

	static void validate(LeaderProperties properties) {
		if (properties.getPath() != null) {
			validatePath("leader.path", properties.getPath());
		}
		validateParticipantId("leader.participant-id", properties.getParticipantId());
		properties.getElections().forEach((name, election) -> {
			String prefix = "leader.elections." + name;
			if (!LeaderElections.isValidName(name)) {
				throw new InvalidLeaderPropertyException("leader.elections[" + name + "]", name,
						"'" + name + "' is not a valid election name",
						"name the election with 1 to 64 lowercase letters, digits and inner dashes, such as reports");
			}
			if (election.getPath() != null) {
				validatePath(prefix + ".path", election.getPath());
			}
			validateParticipantId(prefix + ".participant-id", election.getParticipantId());
		});
		Duration drainTimeout = properties.getShutdown().getDrainTimeout();
		if (drainTimeout.isNegative()) {
			throw new InvalidLeaderPropertyException("leader.shutdown.drain-timeout", drainTimeout, "it is negative",
					"use a duration of zero (hand over at once) or more, such as 10s");
		}
		LeaderProperties.Zookeeper zookeeper = properties.getZookeeper();
		validateConnectString(zookeeper.getConnectString());
		String namespace = zookeeper.getNamespace();
		if (namespace != null) {
			validateNamespace(namespace);
		}
		positive("leader.zookeeper.session-timeout", zookeeper.getSessionTimeout());
		Duration connectionTimeout = zookeeper.getConnectionTimeout();
		if (connectionTimeout != null) {
			positive("leader.zookeeper.connection-timeout", connectionTimeout);
			if (zookeeper.getSessionTimeout().compareTo(connectionTimeout) < 0) {
				throw new InvalidLeaderPropertyException("leader.zookeeper.session-timeout",
						zookeeper.getSessionTimeout(),
						"it is shorter than leader.zookeeper.connection-timeout (" + connectionTimeout
								+ "), so the session could expire before a connection attempt gives up",
						"raise it to at least the connection timeout, or lower or remove "
								+ "leader.zookeeper.connection-timeout (it then defaults to the smaller of 5s and the "
								+ "session timeout)");
			}
		}
		if (zookeeper.getStartupWait().isNegative()) {
			throw new InvalidLeaderPropertyException("leader.zookeeper.startup-wait", zookeeper.getStartupWait(),
					"it is negative", "use a duration of zero (do not wait) or more, such as 10s");
		}
		LeaderProperties.Retry retry = zookeeper.getRetry();
		positive("leader.zookeeper.retry.base-sleep", retry.getBaseSleep());
		positive("leader.zookeeper.retry.max-sleep", retry.getMaxSleep());
		if (retry.getMaxRetries() < 0 || retry.getMaxRetries() > MAX_RETRIES_LIMIT) {
			throw new InvalidLeaderPropertyException("leader.zookeeper.retry.max-retries", retry.getMaxRetries(),
					"it is outside Curator's range of 0 to " + MAX_RETRIES_LIMIT,
					"use a number from 0 to " + MAX_RETRIES_LIMIT + ", such as 3");
		}
	}

	private static void validateParticipantId(String property, @Nullable String participantId) {
		if (participantId != null && participantId.isBlank()) {
			throw new InvalidLeaderPropertyException(property, participantId, "it is blank",
					"remove it to use the default (hostname:port or hostname:pid) or give each instance a unique id");
		}
	}

	static void validatePath(String property, String path) {
		String problem = pathProblem(path);
		if (problem == null && "/".equals(path)) {
			problem = "the election cannot live at the root of ZooKeeper";
		}
		if (problem != null) {
			throw new InvalidLeaderPropertyException(property, path, problem,
					"use an absolute ZooKeeper path such as /leader-election/my-service");
		}
	}

	private static void validateConnectString(String connectString) {
		String fix = "use host:port[,host:port...][/chroot], for example zk1:2181,zk2:2181,zk3:2181";
		String property = "leader.zookeeper.connect-string";
		if (connectString == null || connectString.isBlank()) {
			throw new InvalidLeaderPropertyException(property, connectString, "it is blank", fix);
		}
		int slash = connectString.indexOf('/');
		String servers = (slash < 0) ? connectString : connectString.substring(0, slash);
		for (String server : servers.split(",", -1)) {
			Matcher matcher = SERVER.matcher(server.strip());
			if (!matcher.matches()) {
				throw new InvalidLeaderPropertyException(property, connectString,
						"'" + server + "' is not a host or host:port", fix);
			}
			String port = matcher.group(2);
			if (port != null && (Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)) {
				throw new InvalidLeaderPropertyException(property, connectString,
						"port " + port + " is outside 1 to 65535", fix);
			}
		}
		if (slash >= 0) {
			String problem = pathProblem(connectString.substring(slash));
			if (problem != null) {
				throw new InvalidLeaderPropertyException(property, connectString, "the chroot " + problem, fix);
			}
		}
	}

	private static void validateNamespace(String namespace) {
		String problem = namespace.isBlank() ? "it is blank" : pathProblem("/" + stripLeadingSlash(namespace));
		if (problem != null) {
			throw new InvalidLeaderPropertyException("leader.zookeeper.namespace", namespace, problem,
					"use a relative ZooKeeper path such as my-team, or remove it");
		}
	}

	static String stripLeadingSlash(String namespace) {
		return namespace.startsWith("/") ? namespace.substring(1) : namespace;
	}

	private static @Nullable String pathProblem(String path) {
		try {
			PathUtils.validatePath(path);
			return null;
		}
		catch (IllegalArgumentException ex) {
			return "is not a valid ZooKeeper path (" + ex.getMessage() + ")";
		}
	}

	private static void positive(String property, Duration value) {
		if (value.isZero() || value.isNegative()) {
			throw new InvalidLeaderPropertyException(property, value, "it must be longer than zero",
					"use a positive duration such as 5s");
		}
		if (value.toMillis() > Integer.MAX_VALUE) {
			throw new InvalidLeaderPropertyException(property, value, "it is longer than ZooKeeper can express",
					"use a duration below 24 days");
		}
	}

}
