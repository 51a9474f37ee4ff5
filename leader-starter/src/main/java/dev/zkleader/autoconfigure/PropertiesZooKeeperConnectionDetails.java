package dev.zkleader.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * {@link ZooKeeperConnectionDetails} from {@code leader.zookeeper.connect-string} and
 * {@code leader.zookeeper.auth.*}: what the starter uses unless something else provides
 * the connection.
 */
class PropertiesZooKeeperConnectionDetails implements ZooKeeperConnectionDetails {

	private static final String DIGEST = "digest";

	private final LeaderProperties.Zookeeper properties;

	PropertiesZooKeeperConnectionDetails(LeaderProperties.Zookeeper properties) {
		this.properties = properties;
	}

	@Override
	public String getConnectString() {
		String connectString = this.properties.getConnectString();
		int slash = connectString.indexOf('/');
		return (slash < 0) ? connectString : connectString.substring(0, slash);
	}

	@Override
	public @Nullable String getChroot() {
		String connectString = this.properties.getConnectString();
		int slash = connectString.indexOf('/');
		return (slash < 0) ? null : connectString.substring(slash);
	}

	@Override
	public @Nullable String getUsername() {
		String[] digest = digest();
		return (digest != null) ? digest[0] : null;
	}

	@Override
	public @Nullable String getPassword() {
		String[] digest = digest();
		return (digest != null) ? digest[1] : null;
	}

	LeaderProperties.Auth getAuth() {
		return this.properties.getAuth();
	}

	// Only digest credentials are a user and a password; other schemes take them as
	// they are (see LeaderAutoConfiguration).
	private String @Nullable [] digest() {
		LeaderProperties.Auth auth = this.properties.getAuth();
		String credentials = auth.credentialsOrNull();
		if (!DIGEST.equals(auth.getScheme()) || credentials == null || credentials.indexOf(':') < 0) {
			return null;
		}
		return credentials.split(":", 2);
	}

}
