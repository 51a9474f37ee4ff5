package dev.zkleader.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.zkleader.CuratorFrameworkCustomizer;
import dev.zkleader.LeaderElections;
import dev.zkleader.Leadership;
import dev.zkleader.election.BalanceSettings;
import dev.zkleader.election.ElectionRegistry;
import dev.zkleader.election.ElectionSettings;
import dev.zkleader.gate.LeaderOnlyAdvisor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.retry.ExponentialBackoffRetry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.ssl.SslBundles;
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

	private static final Log logger = LogFactory.getLog(LeaderAutoConfiguration.class);

	private final ElectionPaths paths;

	// The properties validate themselves as they are bound; the paths of all elections
	// together are checked here.
	LeaderAutoConfiguration(LeaderProperties properties, Environment environment) {
		this.paths = ElectionPaths.of(properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean(ZooKeeperConnectionDetails.class)
	PropertiesZooKeeperConnectionDetails zooKeeperConnectionDetails(LeaderProperties properties,
			ObjectProvider<SslBundles> sslBundles) {
		return new PropertiesZooKeeperConnectionDetails(properties.getZookeeper(), sslBundles.getIfAvailable());
	}

	// A bean of its own so that the key material it may write for ZooKeeper is deleted
	// after the client, which depends on it, has closed.
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(CuratorFramework.class)
	ZooKeeperClientTls zooKeeperClientTls(LeaderProperties properties, ZooKeeperConnectionDetails connectionDetails) {
		return ZooKeeperClientTls.of(properties.getZookeeper().getTls(), connectionDetails.getSslBundle());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	CuratorFramework curatorFramework(LeaderProperties properties, ZooKeeperConnectionDetails connectionDetails,
			ZooKeeperClientTls tls, ObjectProvider<CuratorFrameworkCustomizer> customizers)
			throws InterruptedException {
		LeaderProperties.Zookeeper zookeeper = properties.getZookeeper();
		String connectString = connectString(connectionDetails);
		CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder();
		PropertyMapper map = PropertyMapper.get();
		builder.connectString(connectString);
		map.from(zookeeper::getSessionTimeout).asInt(Duration::toMillis).to(builder::sessionTimeoutMs);
		map.from(zookeeper::connectionTimeoutOrDefault).asInt(Duration::toMillis).to(builder::connectionTimeoutMs);
		map.from(zookeeper::namespaceWithoutLeadingSlash).to(builder::namespace);
		LeaderProperties.Retry retry = zookeeper.getRetry();
		builder.retryPolicy(new ExponentialBackoffRetry((int) retry.getBaseSleep().toMillis(), retry.getMaxRetries(),
				(int) retry.getMaxSleep().toMillis()));
		boolean authenticates = authorize(builder, connectionDetails);
		ZooKeeperAcl acl = zookeeper.getAcl();
		if (acl == null) {
			acl = authenticates ? ZooKeeperAcl.CREATOR_ALL_WORLD_READ : ZooKeeperAcl.OPEN;
		}
		builder.aclProvider(acl.provider());
		map.from(tls::config).to(builder::zkClientConfig);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		CuratorFramework client = builder.build();
		client.start();
		awaitFirstConnection(client, connectString, zookeeper);
		return client;
	}

	private static String connectString(ZooKeeperConnectionDetails connectionDetails) {
		String chroot = connectionDetails.getChroot();
		return connectionDetails.getConnectString() + ((chroot != null) ? chroot : "");
	}

	// Properties may name any scheme the servers know; other connection details give
	// digest credentials.
	private static boolean authorize(CuratorFrameworkFactory.Builder builder,
			ZooKeeperConnectionDetails connectionDetails) {
		String scheme = "digest";
		String credentials = null;
		if (connectionDetails instanceof PropertiesZooKeeperConnectionDetails properties) {
			scheme = properties.getAuth().getScheme();
			credentials = properties.getAuth().credentialsOrNull();
		}
		else if (connectionDetails.getUsername() != null && connectionDetails.getPassword() != null) {
			credentials = connectionDetails.getUsername() + ":" + connectionDetails.getPassword();
		}
		if (credentials != null) {
			builder.authorization(scheme, credentials.getBytes(StandardCharsets.UTF_8));
		}
		return credentials != null;
	}

	private static void awaitFirstConnection(CuratorFramework client, String connectString,
			LeaderProperties.Zookeeper zookeeper) throws InterruptedException {
		Duration wait = zookeeper.getStartupWait();
		if (client.blockUntilConnected((int) wait.toMillis(), TimeUnit.MILLISECONDS)) {
			return;
		}
		if (zookeeper.isFailFast()) {
			client.close();
			throw new ZooKeeperUnavailableException(connectString, wait);
		}
		logger.warn("ZooKeeper at '" + connectString + "' did not answer within " + wait.toMillis()
				+ " ms: starting as a non-leader; this instance joins the election once ZooKeeper answers "
				+ "(set leader.zookeeper.fail-fast=true to fail start-up instead)");
	}

	@Bean
	@ConditionalOnMissingBean(LeaderElections.class)
	ElectionRegistry leaderElections(CuratorFramework curatorFramework, LeaderProperties properties,
			Environment environment, ApplicationEventPublisher publisher, ObjectProvider<LeaderOnlyAdvisor> advisor) {
		Supplier<Set<String>> declared = () -> {
			Set<String> names = new LinkedHashSet<>(properties.getElections().keySet());
			advisor.ifAvailable((available) -> names.addAll(available.declaredElections()));
			return names;
		};
		return new ElectionRegistry(curatorFramework, publisher, (name) -> settings(name, properties, environment),
				declared, balance(properties));
	}

	private static BalanceSettings balance(LeaderProperties properties) {
		LeaderProperties.Balance balance = properties.getBalance();
		Map<String, LeaderProperties.ElectionProperties> elections = properties.getElections();
		return new BalanceSettings(balance.isEnabled(), balance.getSettleDelay(), balance.getMinTenure(),
				balance.getTolerance(), (name) -> !LeaderElections.DEFAULT.equals(name)
						&& (!elections.containsKey(name) || elections.get(name).isBalance()));
	}

	@Bean
	@ConditionalOnMissingBean(Leadership.class)
	Leadership leaderElection(LeaderElections leaderElections) {
		return leaderElections.get(LeaderElections.DEFAULT);
	}

	private ElectionSettings settings(String name, LeaderProperties properties, Environment environment) {
		LeaderProperties.ElectionProperties named = properties.getElections().get(name);
		String path = this.paths.path(name);
		String participantId = properties.getParticipantId();
		if (named != null && named.getParticipantId() != null) {
			participantId = named.getParticipantId();
		}
		String configuredId = participantId;
		return new ElectionSettings(name, path,
				() -> (configuredId != null) ? configuredId : defaultParticipantId(environment),
				properties.getConnectionLoss(), properties.isInterruptOnRevoke(),
				properties.getShutdown().getDrainTimeout());
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
