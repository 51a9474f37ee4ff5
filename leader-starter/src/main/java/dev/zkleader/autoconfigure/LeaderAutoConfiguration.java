package dev.zkleader.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.zkleader.CuratorFrameworkCustomizer;
import dev.zkleader.election.ConnectionLossPolicy;
import dev.zkleader.election.Election;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.state.ConnectionStateErrorPolicy;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.framework.state.StandardConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the ZooKeeper client and the leader election.
 */
@AutoConfiguration
@ConditionalOnClass({ CuratorFramework.class, LeaderLatch.class })
@ConditionalOnBooleanProperty(name = "leader.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LeaderProperties.class)
public final class LeaderAutoConfiguration {

	/**
	 * The name of the election configured by {@code leader.path}.
	 */
	static final String DEFAULT_ELECTION = "default";

	private static final Log logger = LogFactory.getLog(LeaderAutoConfiguration.class);

	private final String path;

	LeaderAutoConfiguration(LeaderProperties properties, Environment environment) {
		LeaderPropertiesValidator.validate(properties);
		this.path = electionPath(properties, environment);
	}

	private static String electionPath(LeaderProperties properties, Environment environment) {
		if (properties.getPath() != null) {
			return properties.getPath();
		}
		String path = "/leader-election/" + environment.getProperty("spring.application.name", DEFAULT_ELECTION);
		LeaderPropertiesValidator.validatePath("spring.application.name", path);
		return path;
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	CuratorFramework curatorFramework(LeaderProperties properties,
			ObjectProvider<CuratorFrameworkCustomizer> customizers) throws InterruptedException {
		LeaderProperties.Zookeeper zookeeper = properties.getZookeeper();
		CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder();
		PropertyMapper map = PropertyMapper.get();
		map.from(zookeeper::getConnectString).to(builder::connectString);
		map.from(zookeeper::getSessionTimeout).asInt(Duration::toMillis).to(builder::sessionTimeoutMs);
		map.from(zookeeper::connectionTimeoutOrDefault).asInt(Duration::toMillis).to(builder::connectionTimeoutMs);
		map.from(zookeeper::getNamespace).as(LeaderPropertiesValidator::stripLeadingSlash).to(builder::namespace);
		LeaderProperties.Retry retry = zookeeper.getRetry();
		builder.retryPolicy(new ExponentialBackoffRetry((int) retry.getBaseSleep().toMillis(), retry.getMaxRetries(),
				(int) retry.getMaxSleep().toMillis()));
		builder.connectionStateErrorPolicy(errorPolicy(properties.getConnectionLoss()));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		CuratorFramework client = builder.build();
		client.start();
		awaitFirstConnection(client, zookeeper);
		return client;
	}

	// The latch drops leadership on the states this policy calls errors.
	private static ConnectionStateErrorPolicy errorPolicy(ConnectionLossPolicy connectionLoss) {
		return (connectionLoss == ConnectionLossPolicy.LOST) ? new SessionConnectionStateErrorPolicy()
				: new StandardConnectionStateErrorPolicy();
	}

	private static void awaitFirstConnection(CuratorFramework client, LeaderProperties.Zookeeper zookeeper)
			throws InterruptedException {
		Duration wait = zookeeper.getStartupWait();
		if (client.blockUntilConnected((int) wait.toMillis(), TimeUnit.MILLISECONDS)) {
			return;
		}
		if (zookeeper.isFailFast()) {
			client.close();
			throw new ZooKeeperUnavailableException(zookeeper.getConnectString(), wait);
		}
		logger.warn("ZooKeeper at '" + zookeeper.getConnectString() + "' did not answer within " + wait.toMillis()
				+ " ms: starting as a non-leader; this instance joins the election once ZooKeeper answers "
				+ "(set leader.zookeeper.fail-fast=true to fail start-up instead)");
	}

	@Bean
	@ConditionalOnMissingBean
	Election leaderElection(CuratorFramework curatorFramework, LeaderProperties properties, Environment environment,
			ApplicationEventPublisher publisher) {
		String participantId = properties.getParticipantId();
		return new Election(curatorFramework, DEFAULT_ELECTION, this.path,
				() -> (participantId != null) ? participantId : defaultParticipantId(environment),
				properties.getConnectionLoss(), publisher);
	}

	// Called when the election starts, after the web server, so that the port it bound is
	// known.
	private static String defaultParticipantId(Environment environment) {
		String port = environment.getProperty("local.server.port");
		String suffix = (port != null && !"0".equals(port)) ? port : String.valueOf(ProcessHandle.current().pid());
		return hostName() + ":" + suffix;
	}

	private static String hostName() {
		String host = System.getenv("HOSTNAME");
		if (host != null && !host.isBlank()) {
			return host;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
