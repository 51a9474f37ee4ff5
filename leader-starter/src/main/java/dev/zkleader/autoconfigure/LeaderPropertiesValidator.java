package dev.zkleader.autoconfigure;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.zkleader.LeaderElections;
import org.apache.curator.utils.PathUtils;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

/**
 * Validates {@link LeaderProperties} while Spring Boot binds them, one nested object at a
 * time, so that a bad value fails start-up with Boot's own binding analysis (property,
 * value, origin, reason) before anything is built from it. Each error says what is wrong
 * and how to fix it; secrets are shown as {@value #MASKED}.
 * <p>
 * The checks that need more than the bound values (the paths of all elections together,
 * the key store files) run where those values are used, with
 * {@link org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException}.
 */
final class LeaderPropertiesValidator {

	// host[:port], where host is a name, an IPv4 address or a bracketed IPv6 address.
	private static final Pattern SERVER = Pattern
		.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(?::(\\d{1,5}))?");

	// Curator's ExponentialBackoffRetry caps retries here (beyond it the sleep would
	// overflow).
	static final int MAX_RETRIES_LIMIT = 29;

	// Shown instead of the value of a password or credentials, which must never reach a
	// log.
	static final String MASKED = "******";

	private static final String PATH_FIX = "use an absolute ZooKeeper path such as /leader-election/my-service";

	private LeaderPropertiesValidator() {
	}

	static boolean supports(Class<?> type) {
		return type == LeaderProperties.class || type == LeaderProperties.ElectionProperties.class
				|| type == LeaderProperties.Shutdown.class || type == LeaderProperties.Balance.class
				|| type == LeaderProperties.Zookeeper.class || type == LeaderProperties.Retry.class
				|| ZooKeeperSecurityValidator.supports(type);
	}

	static void validate(Object target, Errors errors) {
		if (target instanceof LeaderProperties properties) {
			validatePath(errors, "path", properties.getPath());
			validateParticipantId(errors, "participantId", properties.getParticipantId());
		}
		else if (target instanceof LeaderProperties.ElectionProperties election) {
			validateElection(errors, election);
		}
		else if (target instanceof LeaderProperties.Shutdown shutdown) {
			if (shutdown.getDrainTimeout().isNegative()) {
				reject(errors, "drainTimeout", "it is negative",
						"use a duration of zero (hand over at once) or more, such as 10s");
			}
		}
		else if (target instanceof LeaderProperties.Balance balance) {
			positive(errors, "settleDelay", balance.getSettleDelay());
			if (balance.getMinTenure().isNegative()) {
				reject(errors, "minTenure", "it is negative",
						"use a duration of zero (yield at once) or more, such as 30s");
			}
			if (balance.getTolerance() < 0) {
				reject(errors, "tolerance", "it is negative", "use 0 (spread as evenly as possible) or more");
			}
		}
		else if (target instanceof LeaderProperties.Zookeeper zookeeper) {
			validateZookeeper(errors, zookeeper);
		}
		else if (target instanceof LeaderProperties.Retry retry) {
			validateRetry(errors, retry);
		}
		else {
			ZooKeeperSecurityValidator.validate(target, errors);
		}
	}

	// The name is the key under leader.elections, the last element of the object's name.
	private static void validateElection(Errors errors, LeaderProperties.ElectionProperties election) {
		String name = ConfigurationPropertyName.of(errors.getObjectName())
			.getLastElement(ConfigurationPropertyName.Form.ORIGINAL);
		if (!LeaderElections.isValidName(name)) {
			String field = (election.getPath() != null || election.getParticipantId() == null) ? "path"
					: "participantId";
			reject(errors, field, "'" + name + "' is not a valid election name",
					"name the election with 1 to 64 lowercase letters, digits and inner dashes, such as reports");
		}
		else if (LeaderElections.DEFAULT.equals(name)) {
			String field = (election.getPath() != null || election.getParticipantId() == null) ? "path"
					: "participantId";
			reject(errors, field, "'default' names the default election, which leader.elections does not configure",
					"set leader.path or leader.participant-id for the default election, or use another name");
		}
		validatePath(errors, "path", election.getPath());
		validateParticipantId(errors, "participantId", election.getParticipantId());
	}

	private static void validateZookeeper(Errors errors, LeaderProperties.Zookeeper zookeeper) {
		validateConnectString(errors, zookeeper.getConnectString());
		String namespace = zookeeper.getNamespace();
		if (namespace != null) {
			String problem = namespace.isBlank() ? "it is blank"
					: pathProblem("/" + LeaderProperties.Zookeeper.withoutLeadingSlash(namespace));
			if (problem != null) {
				reject(errors, "namespace", problem, "use a relative ZooKeeper path such as my-team, or remove it");
			}
		}
		positive(errors, "sessionTimeout", zookeeper.getSessionTimeout());
		Duration connectionTimeout = zookeeper.getConnectionTimeout();
		if (connectionTimeout != null) {
			positive(errors, "connectionTimeout", connectionTimeout);
			if (zookeeper.getSessionTimeout().compareTo(connectionTimeout) < 0) {
				reject(errors, "sessionTimeout",
						"it is shorter than leader.zookeeper.connection-timeout (" + connectionTimeout
								+ "), so the session could expire before a connection attempt gives up",
						"raise it to at least the connection timeout, or lower or remove "
								+ "leader.zookeeper.connection-timeout (it then defaults to the smaller of 5s and the "
								+ "session timeout)");
			}
		}
		if (zookeeper.getStartupWait().isNegative()) {
			reject(errors, "startupWait", "it is negative",
					"use a duration of zero (do not wait) or more, such as 10s");
		}
		ZooKeeperSecurityValidator.validateAcl(errors, zookeeper);
		ZooKeeperSecurityValidator.validateSslBundle(errors, zookeeper);
	}

	private static void validateConnectString(Errors errors, String connectString) {
		String fix = "use host:port[,host:port...][/chroot], for example zk1:2181,zk2:2181,zk3:2181";
		if (connectString.isBlank()) {
			reject(errors, "connectString", "it is blank", fix);
			return;
		}
		int slash = connectString.indexOf('/');
		String servers = (slash < 0) ? connectString : connectString.substring(0, slash);
		for (String server : servers.split(",", -1)) {
			Matcher matcher = SERVER.matcher(server.strip());
			if (!matcher.matches()) {
				reject(errors, "connectString", "'" + server + "' is not a host or host:port", fix);
				return;
			}
			String port = matcher.group(2);
			if (port != null && (Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)) {
				reject(errors, "connectString", "port " + port + " is outside 1 to 65535", fix);
				return;
			}
		}
		String chrootProblem = (slash >= 0) ? pathProblem(connectString.substring(slash)) : null;
		if (chrootProblem != null) {
			reject(errors, "connectString", "the chroot " + chrootProblem, fix);
		}
	}

	private static void validateRetry(Errors errors, LeaderProperties.Retry retry) {
		positive(errors, "baseSleep", retry.getBaseSleep());
		positive(errors, "maxSleep", retry.getMaxSleep());
		if (retry.getMaxRetries() < 0 || retry.getMaxRetries() > MAX_RETRIES_LIMIT) {
			reject(errors, "maxRetries", "it is outside Curator's range of 0 to " + MAX_RETRIES_LIMIT,
					"use a number from 0 to " + MAX_RETRIES_LIMIT + ", such as 3");
		}
	}

	private static void validateParticipantId(Errors errors, String field, @Nullable String participantId) {
		if (participantId != null && participantId.isBlank()) {
			reject(errors, field, "it is blank",
					"remove it to use the default (hostname:port or hostname:pid) or give each instance a unique id");
		}
	}

	private static void validatePath(Errors errors, String field, @Nullable String path) {
		String problem = (path != null) ? electionPathProblem(path) : null;
		if (problem != null) {
			reject(errors, field, problem, PATH_FIX);
		}
	}

	/**
	 * What is wrong with a path as the path of an election.
	 * @param path the path
	 * @return the problem, or {@code null} if the path is fine
	 */
	static @Nullable String electionPathProblem(String path) {
		String problem = pathProblem(path);
		return (problem == null && "/".equals(path)) ? "the election cannot live at the root of ZooKeeper" : problem;
	}

	private static @Nullable String pathProblem(String path) {
		try {
			PathUtils.validatePath(path);
			return null;
		}
		catch (IllegalArgumentException ex) {
			return "it is not a valid ZooKeeper path (" + ex.getMessage() + ")";
		}
	}

	private static void positive(Errors errors, String field, Duration value) {
		if (value.isZero() || value.isNegative()) {
			reject(errors, field, "it must be longer than zero", "use a positive duration such as 5s");
		}
		else if (value.toMillis() > Integer.MAX_VALUE) {
			reject(errors, field, "it is longer than ZooKeeper can express", "use a duration below 24 days");
		}
	}

	static void reject(Errors errors, String field, String problem, String fix) {
		errors.rejectValue(field, "invalid", reason(problem, fix));
	}

	// Reports the field with a masked value: Boot's analysis prints the rejected value.
	static void rejectSecret(Errors errors, String field, String problem, String fix) {
		if (errors instanceof BindingResult result) {
			result.addError(new FieldError(errors.getObjectName(), field, MASKED, false, new String[] { "invalid" },
					null, reason(problem, fix)));
		}
		else {
			errors.reject("invalid", field + ": " + reason(problem, fix));
		}
	}

	static String reason(String problem, String fix) {
		return problem + "; " + fix;
	}

}
