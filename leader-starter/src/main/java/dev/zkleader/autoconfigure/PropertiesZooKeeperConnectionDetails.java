package dev.zkleader.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * {@link ZooKeeperConnectionDetails} from {@code leader.zookeeper.connect-string} and
 * {@code leader.zookeeper.auth.*}: what the starter uses unless something else provides
 * the connection.
 */
class PropertiesZooKeeperConnectionDetails implements ZooKeeperConnectionDetails {

	private static final String DIGEST = "digest";

	private static final String SSL_BUNDLE = "leader.zookeeper.ssl.bundle";

	private final LeaderProperties.Zookeeper properties;

	private final @Nullable SslBundles sslBundles;

	PropertiesZooKeeperConnectionDetails(LeaderProperties.Zookeeper properties, @Nullable SslBundles sslBundles) {
		this.properties = properties;
		this.sslBundles = sslBundles;
	}

	@Override
	public @Nullable SslBundle getSslBundle() {
		String name = this.properties.getSsl().getBundle();
		if (name == null) {
			return null;
		}
		if (this.sslBundles == null) {
			throw new InvalidConfigurationPropertyValueException(SSL_BUNDLE, name,
					LeaderPropertiesValidator.reason(
							"the application has no SSL bundles (Spring Boot's SslAutoConfiguration is not active)",
							"let SslAutoConfiguration run, or configure TLS with leader.zookeeper.tls.* instead"));
		}
		try {
			return this.sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(SSL_BUNDLE, name,
					LeaderPropertiesValidator.reason("no SSL bundle of that name is configured",
							"define it under spring.ssl.bundle.jks." + name + " or spring.ssl.bundle.pem." + name
									+ ", or name a bundle that exists"));
		}
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
