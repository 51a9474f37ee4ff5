package dev.zkleader.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's passwords stay masked in the real configprops and env endpoints, even
 * when an application lets those endpoints show values.
 */
class LeaderSecretsSanitizingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LeaderSecretsSanitizingAutoConfiguration.class,
				EndpointAutoConfiguration.class, ConfigurationPropertiesReportEndpointAutoConfiguration.class,
				EnvironmentEndpointAutoConfiguration.class))
		.withUserConfiguration(PropertiesConfiguration.class)
		.withPropertyValues("management.endpoints.web.exposure.include=configprops,env",
				"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
				"leader.zookeeper.connect-string=zk1:2181",
				"leader.zookeeper.tls.key-store.location=/etc/zookeeper/client.p12",
				"leader.zookeeper.tls.key-store.password=s3cret-ks",
				"leader.zookeeper.tls.trust-store.location=/etc/zookeeper/trust.p12",
				"leader.zookeeper.tls.trust-store.password=s3cret-ts");

	// The properties refuse credentials together with a user name and password, so the
	// two forms are shown one at a time.
	private final String[] usernameAndPassword = { "leader.zookeeper.auth.username=orders",
			"leader.zookeeper.auth.password=s3cret-auth" };

	private final String credentials = "leader.zookeeper.auth.credentials=orders:s3cret-cred";

	@Test
	void configpropsShowsTheStartersPasswordsMaskedAndEverythingElse() {
		this.contextRunner.withPropertyValues(this.usernameAndPassword).run((context) -> {
			Map<String, Object> zookeeper = map(
					leaderProperties(context.getBean(ConfigurationPropertiesReportEndpoint.class)), "zookeeper");
			assertThat(zookeeper).containsEntry("connectString", "zk1:2181");
			assertThat(map(zookeeper, "auth")).containsEntry("username", "orders").containsEntry("password", "******");
			Map<String, Object> tls = map(zookeeper, "tls");
			assertThat(map(tls, "keyStore")).containsEntry("location", "/etc/zookeeper/client.p12")
				.containsEntry("password", "******");
			assertThat(map(tls, "trustStore")).containsEntry("password", "******");
		});
		this.contextRunner.withPropertyValues(this.credentials)
			.run((context) -> assertThat(map(
					map(leaderProperties(context.getBean(ConfigurationPropertiesReportEndpoint.class)), "zookeeper"),
					"auth"))
				.containsEntry("credentials", "******"));
	}

	@Test
	void envShowsTheStartersPasswordsMasked() {
		this.contextRunner.withPropertyValues(this.usernameAndPassword).run((context) -> {
			EnvironmentEndpoint endpoint = context.getBean(EnvironmentEndpoint.class);
			assertThat(endpoint.environmentEntry("leader.zookeeper.connect-string").getProperty().getValue())
				.isEqualTo("zk1:2181");
			for (String secret : new String[] { "leader.zookeeper.auth.password",
					"leader.zookeeper.tls.key-store.password", "leader.zookeeper.tls.trust-store.password" }) {
				assertThat(endpoint.environmentEntry(secret).getProperty().getValue()).as(secret).isEqualTo("******");
			}
		});
		this.contextRunner.withPropertyValues(this.credentials)
			.run((context) -> assertThat(context.getBean(EnvironmentEndpoint.class)
				.environmentEntry("leader.zookeeper.auth.credentials")
				.getProperty()
				.getValue()).isEqualTo("******"));
	}

	@Test
	void recognisesTheSecretsHoweverTheirSourceSpellsThem() {
		assertThat(LeaderSecretsSanitizingAutoConfiguration.isSecret("LEADER_ZOOKEEPER_AUTH_PASSWORD")).isTrue();
		assertThat(LeaderSecretsSanitizingAutoConfiguration.isSecret("leader.zookeeper.tls.keyStore.password"))
			.isTrue();
		assertThat(LeaderSecretsSanitizingAutoConfiguration.isSecret("LEADER_ZOOKEEPER_TLS_TRUSTSTORE_PASSWORD"))
			.isTrue();
		assertThat(LeaderSecretsSanitizingAutoConfiguration.isSecret("leader.zookeeper.auth.username")).isFalse();
		assertThat(LeaderSecretsSanitizingAutoConfiguration.isSecret("leader.zookeeper.tls.key-store.location"))
			.isFalse();
	}

	@Test
	void backsOffWithoutTheActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.withConfiguration(AutoConfigurations.of(LeaderSecretsSanitizingAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("leaderSecretsSanitizingFunction"));
	}

	private static Map<String, Object> leaderProperties(ConfigurationPropertiesReportEndpoint endpoint) {
		return endpoint.configurationProperties()
			.getContexts()
			.values()
			.stream()
			.flatMap((descriptor) -> descriptor.getBeans().values().stream())
			.filter((bean) -> "leader".equals(bean.getPrefix()))
			.findFirst()
			.orElseThrow()
			.getProperties();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		assertThat(parent).containsKey(key);
		return (Map<String, Object>) parent.get(key);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LeaderProperties.class)
	static class PropertiesConfiguration {

	}

}
