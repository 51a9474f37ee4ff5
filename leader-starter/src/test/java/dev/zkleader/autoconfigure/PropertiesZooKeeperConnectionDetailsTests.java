package dev.zkleader.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The connection details the starter takes from its properties.
 */
class PropertiesZooKeeperConnectionDetailsTests {

	private final LeaderProperties.Zookeeper properties = new LeaderProperties().getZookeeper();

	private final DefaultSslBundleRegistry sslBundles = new DefaultSslBundleRegistry();

	private final PropertiesZooKeeperConnectionDetails details = new PropertiesZooKeeperConnectionDetails(
			this.properties, this.sslBundles);

	@Test
	void splitsTheConnectStringIntoServersAndChroot() {
		this.properties.setConnectString("zk1:2181,zk2:2181/apps/billing");
		assertThat(this.details.getConnectString()).isEqualTo("zk1:2181,zk2:2181");
		assertThat(this.details.getChroot()).isEqualTo("/apps/billing");
	}

	@Test
	void hasNoChrootWithoutASlash() {
		this.properties.setConnectString("zk1:2181");
		assertThat(this.details.getConnectString()).isEqualTo("zk1:2181");
		assertThat(this.details.getChroot()).isNull();
	}

	@Test
	void defaultsToLocalhost() {
		assertThat(this.details.getConnectString()).isEqualTo("localhost:2181");
		assertThat(this.details.getUsername()).isNull();
		assertThat(this.details.getPassword()).isNull();
	}

	@Test
	void digestCredentialsFromUsernameAndPassword() {
		this.properties.getAuth().setUsername("orders");
		this.properties.getAuth().setPassword("s3cret:with:colons");
		assertThat(this.details.getUsername()).isEqualTo("orders");
		assertThat(this.details.getPassword()).isEqualTo("s3cret:with:colons");
	}

	@Test
	void digestCredentialsFromOneValue() {
		this.properties.getAuth().setCredentials("orders:s3cret");
		assertThat(this.details.getUsername()).isEqualTo("orders");
		assertThat(this.details.getPassword()).isEqualTo("s3cret");
	}

	@Test
	void hasNoSslBundleByDefault() {
		assertThat(this.details.getSslBundle()).isNull();
	}

	@Test
	void sslBundleIsTheNamedOne() {
		SslBundle bundle = SslBundle.of(SslStoreBundle.NONE);
		this.sslBundles.registerBundle("zookeeper", bundle);
		this.properties.getSsl().setBundle("zookeeper");
		assertThat(this.details.getSslBundle()).isSameAs(bundle);
	}

	@Test
	void unknownSslBundleNamesThePropertyAndTheFix() {
		this.properties.getSsl().setBundle("missing");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(this.details::getSslBundle)
			.satisfies((ex) -> {
				assertThat(ex.getName()).isEqualTo("leader.zookeeper.ssl.bundle");
				assertThat(ex.getReason()).contains("spring.ssl.bundle.pem.missing");
			});
	}

	@Test
	void otherSchemesHaveNoUserAndPassword() {
		this.properties.getAuth().setScheme("ip");
		this.properties.getAuth().setCredentials("10.0.0.1");
		assertThat(this.details.getUsername()).isNull();
		assertThat(this.details.getPassword()).isNull();
	}

}
