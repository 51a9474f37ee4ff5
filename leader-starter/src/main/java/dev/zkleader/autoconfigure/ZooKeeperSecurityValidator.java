package dev.zkleader.autoconfigure;

import java.util.Locale;

import org.apache.zookeeper.common.KeyStoreFileType;

import org.springframework.validation.Errors;

import static dev.zkleader.autoconfigure.LeaderPropertiesValidator.reject;
import static dev.zkleader.autoconfigure.LeaderPropertiesValidator.rejectSecret;

/**
 * The bind-time checks of {@code leader.zookeeper.auth.*}, {@code leader.zookeeper.acl}
 * and {@code leader.zookeeper.tls.*}, part of {@link LeaderPropertiesValidator}. The key
 * store files themselves are opened where the client is built
 * ({@link ZooKeeperTlsConfig}).
 */
final class ZooKeeperSecurityValidator {

	static final String STORE_TYPES = "PKCS12, JKS, PEM or BCFKS";

	private static final String DIGEST = "digest";

	private ZooKeeperSecurityValidator() {
	}

	static boolean supports(Class<?> type) {
		return type == LeaderProperties.Auth.class || type == LeaderProperties.Tls.class
				|| type == LeaderProperties.Store.class;
	}

	static void validate(Object target, Errors errors) {
		if (target instanceof LeaderProperties.Auth auth) {
			validateAuth(errors, auth);
		}
		else if (target instanceof LeaderProperties.Tls tls) {
			if (tls.isEnabled() && tls.getTrustStore().getLocation() == null) {
				reject(errors, "enabled",
						"no trust store is set, so the client cannot tell the ZooKeeper servers from impostors",
						"set " + errors.getObjectName() + ".trust-store.location (and its password) to a trust "
								+ "store with the servers' certificates or their certificate authority");
			}
		}
		else if (target instanceof LeaderProperties.Store store) {
			validateStore(errors, store);
		}
	}

	private static void validateAuth(Errors errors, LeaderProperties.Auth auth) {
		String prefix = errors.getObjectName() + ".";
		String username = auth.getUsername();
		String password = auth.getPassword();
		String credentials = auth.getCredentials();
		if (auth.getScheme().isBlank()) {
			reject(errors, "scheme", "it is blank", "remove it to use digest, or name a scheme the ZooKeeper "
					+ "servers have an authentication provider for");
		}
		if (credentials != null && (username != null || password != null)) {
			rejectSecret(errors, "credentials",
					"it is set together with " + prefix + ((username != null) ? "username" : "password"),
					"set either " + prefix + "credentials (user:password) or " + prefix + "username and " + prefix
							+ "password, not both");
			return;
		}
		if (username != null && password == null) {
			reject(errors, "username", "it is set but " + prefix + "password is not",
					"set " + prefix + "password too, or remove the user name to connect without authentication");
		}
		if (password != null && username == null) {
			rejectSecret(errors, "password", "it is set but " + prefix + "username is not",
					"set " + prefix + "username too, or remove the password to connect without authentication");
		}
		boolean digest = DIGEST.equals(auth.getScheme());
		if (username != null && username.isBlank()) {
			reject(errors, "username", "it is blank",
					"give the user name of the ZooKeeper identity this " + "application uses");
		}
		else if (username != null && digest && username.contains(":")) {
			reject(errors, "username", "it contains ':', which separates user and password in digest credentials",
					"use a user name without ':'");
		}
		if (password != null && password.isEmpty()) {
			reject(errors, "password", "it is empty", "set the password of " + prefix + "username");
		}
		if (credentials != null && credentials.isBlank()) {
			rejectSecret(errors, "credentials", "it is blank",
					"set the credentials the '" + auth.getScheme() + "' scheme expects, or remove it");
		}
		else if (credentials != null && digest) {
			int colon = credentials.indexOf(':');
			if (colon < 1 || colon == credentials.length() - 1) {
				rejectSecret(errors, "credentials", "it is not of the form user:password",
						"use user:password, or set " + prefix + "username and " + prefix + "password instead");
			}
		}
	}

	// Part of the Zookeeper object's checks: it needs the auth and TLS settings beside
	// it.
	static void validateAcl(Errors errors, LeaderProperties.Zookeeper zookeeper) {
		ZooKeeperAcl acl = zookeeper.getAcl();
		boolean hasIdentity = zookeeper.getAuth().credentialsOrNull() != null
				|| (zookeeper.getTls().isEnabled() && zookeeper.getTls().getKeyStore().getLocation() != null)
				|| zookeeper.getSsl().getBundle() != null;
		if (acl != null && acl.needsIdentity() && !hasIdentity) {
			// Else ZooKeeper refuses every create (InvalidACL) and the election never
			// starts.
			reject(errors, "acl",
					"'" + acl.name().toLowerCase(Locale.ROOT).replace('_', '-') + "' gives rights to the identity the "
							+ "client authenticates as, but the client has none",
					"set leader.zookeeper.auth.username and leader.zookeeper.auth.password (or "
							+ "leader.zookeeper.auth.credentials), or a TLS client certificate "
							+ "(leader.zookeeper.tls.key-store.location), or set it to open");
		}
	}

	// Part of the Zookeeper object's checks: a bundle replaces the tls.* stores.
	static void validateSslBundle(Errors errors, LeaderProperties.Zookeeper zookeeper) {
		String bundle = zookeeper.getSsl().getBundle();
		if (bundle == null) {
			return;
		}
		if (bundle.isBlank()) {
			reject(errors, "ssl.bundle", "it is blank",
					"name an SSL bundle defined under spring.ssl.bundle.*, or remove it");
			return;
		}
		LeaderProperties.Tls tls = zookeeper.getTls();
		String store = (tls.getKeyStore().getLocation() != null) ? "key-store"
				: (tls.getTrustStore().getLocation() != null) ? "trust-store" : null;
		if (store != null) {
			reject(errors, "ssl.bundle", "it is set together with leader.zookeeper.tls." + store + ".location",
					"take the key and trust material either from the SSL bundle or from leader.zookeeper.tls.*, "
							+ "not both");
		}
	}

	private static void validateStore(Errors errors, LeaderProperties.Store store) {
		String prefix = errors.getObjectName();
		String location = store.getLocation();
		String type = store.getType();
		if (location == null) {
			if (store.getPassword() != null) {
				rejectSecret(errors, "password", "it is set but " + prefix + ".location is not",
						"set " + prefix + ".location to the store file, or remove " + prefix + ".password");
			}
			if (type != null) {
				reject(errors, "type", "it is set but " + prefix + ".location is not",
						"set " + prefix + ".location to the store file, or remove " + prefix + ".type");
			}
		}
		else if (location.isBlank()) {
			reject(errors, "location", "it is blank", ZooKeeperTlsConfig.LOCATION_FIX);
		}
		if (type != null && !isStoreType(type)) {
			reject(errors, "type", "it is not a store type ZooKeeper knows",
					"use " + STORE_TYPES + ", or remove it to take the type from the file extension");
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

}
