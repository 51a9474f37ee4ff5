package dev.zkleader.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.zkleader.LeaderElections;
import org.apache.curator.utils.PathUtils;
import org.apache.zookeeper.common.KeyStoreFileType;
import org.apache.zookeeper.common.X509Util;
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

	// Shown instead of the value of a password or credentials, which must never reach a
	// log.
	static final String MASKED = "******";

	private static final String DIGEST = "digest";

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
		validateAuth(zookeeper.getAuth());
		validateAcl(zookeeper);
		validateTls(zookeeper.getTls());
		validateSslBundle(zookeeper);
	}

	private static void validateSslBundle(LeaderProperties.Zookeeper zookeeper) {
		String bundle = zookeeper.getSsl().getBundle();
		if (bundle == null) {
			return;
		}
		String property = "leader.zookeeper.ssl.bundle";
		if (bundle.isBlank()) {
			throw new InvalidLeaderPropertyException(property, bundle, "it is blank",
					"name an SSL bundle defined under spring.ssl.bundle.*, or remove it");
		}
		LeaderProperties.Tls tls = zookeeper.getTls();
		String store = (tls.getKeyStore().getLocation() != null) ? "key-store"
				: (tls.getTrustStore().getLocation() != null) ? "trust-store" : null;
		if (store != null) {
			throw new InvalidLeaderPropertyException(property, bundle,
					"it is set together with leader.zookeeper.tls." + store + ".location",
					"take the key and trust material either from the SSL bundle or from leader.zookeeper.tls.*, "
							+ "not both");
		}
	}

	private static void validateAuth(LeaderProperties.Auth auth) {
		String prefix = "leader.zookeeper.auth.";
		String username = auth.getUsername();
		String password = auth.getPassword();
		String credentials = auth.getCredentials();
		if (auth.getScheme().isBlank()) {
			throw new InvalidLeaderPropertyException(prefix + "scheme", auth.getScheme(), "it is blank",
					"remove it to use digest, or name a scheme the ZooKeeper servers have an authentication "
							+ "provider for");
		}
		if (credentials != null && (username != null || password != null)) {
			throw new InvalidLeaderPropertyException(prefix + "credentials", MASKED,
					"it is set together with " + prefix + ((username != null) ? "username" : "password"),
					"set either " + prefix + "credentials (user:password) or " + prefix + "username and " + prefix
							+ "password, not both");
		}
		if (username != null && password == null) {
			throw new InvalidLeaderPropertyException(prefix + "username", username,
					"it is set but " + prefix + "password is not",
					"set " + prefix + "password too, or remove the user name to connect without authentication");
		}
		if (password != null && username == null) {
			throw new InvalidLeaderPropertyException(prefix + "password", MASKED,
					"it is set but " + prefix + "username is not",
					"set " + prefix + "username too, or remove the password to connect without authentication");
		}
		boolean digest = DIGEST.equals(auth.getScheme());
		if (username != null) {
			if (username.isBlank()) {
				throw new InvalidLeaderPropertyException(prefix + "username", username, "it is blank",
						"give the user name of the ZooKeeper identity this application uses");
			}
			if (digest && username.contains(":")) {
				throw new InvalidLeaderPropertyException(prefix + "username", username,
						"it contains ':', which separates user and password in digest credentials",
						"use a user name without ':'");
			}
		}
		if (password != null && password.isEmpty()) {
			throw new InvalidLeaderPropertyException(prefix + "password", password, "it is empty",
					"set the password of " + prefix + "username");
		}
		if (credentials != null && digest) {
			int colon = credentials.indexOf(':');
			if (colon < 1 || colon == credentials.length() - 1) {
				throw new InvalidLeaderPropertyException(prefix + "credentials", MASKED,
						"it is not of the form user:password",
						"use user:password, or set " + prefix + "username and " + prefix + "password instead");
			}
		}
		if (credentials != null && credentials.isBlank()) {
			throw new InvalidLeaderPropertyException(prefix + "credentials", MASKED, "it is blank",
					"set the credentials the '" + auth.getScheme() + "' scheme expects, or remove it");
		}
	}

	private static void validateAcl(LeaderProperties.Zookeeper zookeeper) {
		ZooKeeperAcl acl = zookeeper.getAcl();
		boolean hasIdentity = zookeeper.getAuth().credentialsOrNull() != null
				|| (zookeeper.getTls().isEnabled() && zookeeper.getTls().getKeyStore().getLocation() != null)
				|| zookeeper.getSsl().getBundle() != null;
		if (acl != null && acl.needsIdentity() && !hasIdentity) {
			// Else ZooKeeper refuses every create (InvalidACL) and the election never
			// starts.
			throw new InvalidLeaderPropertyException("leader.zookeeper.acl",
					acl.name().toLowerCase(Locale.ROOT).replace('_', '-'),
					"it gives rights to the identity the client authenticates as, but the client has none",
					"set leader.zookeeper.auth.username and leader.zookeeper.auth.password (or "
							+ "leader.zookeeper.auth.credentials), or a TLS client certificate "
							+ "(leader.zookeeper.tls.key-store.location), or set it to open");
		}
	}

	private static void validateTls(LeaderProperties.Tls tls) {
		if (!tls.isEnabled()) {
			return;
		}
		String prefix = "leader.zookeeper.tls.";
		if (tls.getTrustStore().getLocation() == null) {
			throw new InvalidLeaderPropertyException(prefix + "enabled", true,
					"no trust store is set, so the client cannot tell the ZooKeeper servers from impostors",
					"set " + prefix + "trust-store.location (and its password) to a trust store with the "
							+ "servers' certificates or their certificate authority");
		}
		validateStore(prefix + "key-store", tls.getKeyStore(), X509Util::loadKeyStore);
		validateStore(prefix + "trust-store", tls.getTrustStore(), X509Util::loadTrustStore);
	}

	// Opens the store the way the ZooKeeper client will, so that a wrong path, type or
	// password fails start-up here rather than every connection attempt later.
	private static void validateStore(String prefix, LeaderProperties.Store store, StoreLoader loader) {
		String location = store.getLocation();
		if (location == null) {
			if (store.getPassword() != null || store.getType() != null) {
				String property = prefix + ((store.getPassword() != null) ? ".password" : ".type");
				throw new InvalidLeaderPropertyException(property,
						(store.getPassword() != null) ? MASKED : store.getType(),
						"it is set but " + prefix + ".location is not",
						"set " + prefix + ".location to the store file, or remove " + property);
			}
			return;
		}
		String fix = "point it at a readable store file on this machine, such as /etc/zookeeper/client.p12";
		if (location.isBlank()) {
			throw new InvalidLeaderPropertyException(prefix + ".location", location, "it is blank", fix);
		}
		if (!Files.isRegularFile(Path.of(location)) || !Files.isReadable(Path.of(location))) {
			throw new InvalidLeaderPropertyException(prefix + ".location", location,
					"there is no readable file at " + Path.of(location).toAbsolutePath(), fix);
		}
		String type = store.getType();
		String types = "PKCS12, JKS, PEM or BCFKS";
		if (type != null && !isStoreType(type)) {
			throw new InvalidLeaderPropertyException(prefix + ".type", type, "it is not a store type ZooKeeper knows",
					"use " + types + ", or remove it to take the type from the file extension");
		}
		if (type == null && !hasStoreExtension(location)) {
			throw new InvalidLeaderPropertyException(prefix + ".location", location,
					"the store type cannot be told from the file name",
					"set " + prefix + ".type (" + types + "), or name the file .p12, .jks, .pem or .bcfks");
		}
		try {
			loader.load(location, (store.getPassword() != null) ? store.getPassword() : "", type);
		}
		catch (Exception ex) {
			throw new InvalidLeaderPropertyException(prefix + ".location", location,
					"the store cannot be opened (" + ex.getMessage() + ")",
					"check that it is a " + ((type != null) ? type + " store" : "store of the type its extension names")
							+ " and that " + prefix + ".password is its password");
		}
	}

	private static boolean isStoreType(String type) {
		try {
			KeyStoreFileType.fromPropertyValue(type);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static boolean hasStoreExtension(String location) {
		try {
			KeyStoreFileType.fromFilename(location);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
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

	@FunctionalInterface
	private interface StoreLoader {

		void load(String location, String password, @Nullable String type) throws Exception;

	}

}
