package dev.zkleader.autoconfigure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection details the starter takes from its properties.
 */
class PropertiesZooKeeperConnectionDetailsTests {

	private final LeaderProperties.Zookeeper properties = new LeaderProperties().getZookeeper();

	private final PropertiesZooKeeperConnectionDetails details = new PropertiesZooKeeperConnectionDetails(
			this.properties);

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
	void otherSchemesHaveNoUserAndPassword() {
		this.properties.getAuth().setScheme("ip");
		this.properties.getAuth().setCredentials("10.0.0.1");
		assertThat(this.details.getUsername()).isNull();
		assertThat(this.details.getPassword()).isNull();
	}

}
