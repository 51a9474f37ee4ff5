package dev.zkleader.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.zkleader.election.ConnectionLossPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties for ZooKeeper leader election. Validated while they are bound
 * (they validate themselves), so that a bad value fails start-up with Spring Boot's
 * binding analysis: the property, its value, where it was set and the fix.
 */
@ConfigurationProperties("leader")
public class LeaderProperties implements Validator {

	/**
	 * Whether leader election is enabled. When disabled, no ZooKeeper client is created
	 * and @LeaderOnly methods never run on this instance.
	 */
	private boolean enabled = true;

	/**
	 * ZooKeeper path of the election, shared by every instance that competes. Defaults to
	 * /leader-election/${spring.application.name}, or /leader-election/default when the
	 * application has no name.
	 */
	private @Nullable String path;

	/**
	 * Id of this instance in the election, stored as the data of its latch node so that
	 * any ZooKeeper client can see who leads. Defaults to hostname:port when a web server
	 * port is known, else hostname:pid.
	 */
	private @Nullable String participantId;

	/**
	 * When a dropped ZooKeeper connection ends leadership: 'lease' (when the lease runs
	 * out, half the negotiated session timeout after ZooKeeper last confirmed it: rides
	 * out server restarts and short blips, and ends before another instance can take
	 * over) or 'suspended' (as soon as the connection is suspended).
	 */
	private ConnectionLossPolicy connectionLoss = ConnectionLossPolicy.LEASE;

	/**
	 * Whether a running @LeaderOnly call is interrupted when leadership is revoked.
	 * Whatever the call does with the interrupt, LeadershipContext.stillLeading() turns
	 * false at once.
	 */
	private boolean interruptOnRevoke = true;

	/**
	 * Named elections, for leader-only work that should have a leader of its own
	 * (@LeaderOnly("name")).
	 */
	private Map<String, ElectionProperties> elections = new LinkedHashMap<>();

	private final Shutdown shutdown = new Shutdown();

	private final Balance balance = new Balance();

	private final Zookeeper zookeeper = new Zookeeper();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getPath() {
		return this.path;
	}

	public void setPath(@Nullable String path) {
		this.path = path;
	}

	public @Nullable String getParticipantId() {
		return this.participantId;
	}

	public void setParticipantId(@Nullable String participantId) {
		this.participantId = participantId;
	}

	public ConnectionLossPolicy getConnectionLoss() {
		return this.connectionLoss;
	}

	public void setConnectionLoss(ConnectionLossPolicy connectionLoss) {
		this.connectionLoss = connectionLoss;
	}

	public boolean isInterruptOnRevoke() {
		return this.interruptOnRevoke;
	}

	public void setInterruptOnRevoke(boolean interruptOnRevoke) {
		this.interruptOnRevoke = interruptOnRevoke;
	}

	public Map<String, ElectionProperties> getElections() {
		return this.elections;
	}

	public void setElections(Map<String, ElectionProperties> elections) {
		this.elections = elections;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public Balance getBalance() {
		return this.balance;
	}

	public Zookeeper getZookeeper() {
		return this.zookeeper;
	}

	@Override
	public boolean supports(Class<?> type) {
		return LeaderPropertiesValidator.supports(type);
	}

	// Called for this object and for each nested one as it is bound, so that each error
	// names its own property and where it was set.
	@Override
	public void validate(Object target, Errors errors) {
		LeaderPropertiesValidator.validate(target, errors);
	}

	/**
	 * One named election.
	 */
	public static class ElectionProperties {

		/**
		 * ZooKeeper path of this election. Defaults to the default election's path
		 * followed by .<name> (for example /leader-election/billing.reports), beside the
		 * default election's path, never inside it. No two elections' paths may be equal
		 * or lie one inside the other.
		 */
		private @Nullable String path;

		/**
		 * Id of this instance in this election. Defaults to leader.participant-id.
		 */
		private @Nullable String participantId;

		/**
		 * Whether this election's leadership is spread with the others' when
		 * leader.balance.enabled is true.
		 */
		private boolean balance = true;

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

		public @Nullable String getParticipantId() {
			return this.participantId;
		}

		public void setParticipantId(@Nullable String participantId) {
			this.participantId = participantId;
		}

		public boolean isBalance() {
			return this.balance;
		}

		public void setBalance(boolean balance) {
			this.balance = balance;
		}

	}

	/**
	 * Spreading the leaderships of named elections across instances.
	 */
	public static class Balance {

		/**
		 * Whether an instance that leads more than its fair share of the named elections
		 * (the elections it takes part in divided by the instances it sees, rounded up)
		 * yields the surplus, one at a time, to the instance that leads the fewest.
		 */
		private boolean enabled;

		/**
		 * How long to wait between two balancing steps, so that the elections settle
		 * after each change.
		 */
		private Duration settleDelay = Duration.ofSeconds(5);

		/**
		 * How long an instance leads an election before it may yield it to balance.
		 */
		private Duration minTenure = Duration.ofSeconds(30);

		/**
		 * How many leaderships an instance may lead above its fair share (or below it)
		 * before a balancing step is taken.
		 */
		private int tolerance;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getSettleDelay() {
			return this.settleDelay;
		}

		public void setSettleDelay(Duration settleDelay) {
			this.settleDelay = settleDelay;
		}

		public Duration getMinTenure() {
			return this.minTenure;
		}

		public void setMinTenure(Duration minTenure) {
			this.minTenure = minTenure;
		}

		public int getTolerance() {
			return this.tolerance;
		}

		public void setTolerance(int tolerance) {
			this.tolerance = tolerance;
		}

	}

	/**
	 * Leaving the elections on shutdown.
	 */
	public static class Shutdown {

		/**
		 * How long a leader that shuts down waits for its running @LeaderOnly calls to
		 * finish before it hands leadership over (the next leader cannot start
		 * meanwhile). Calls still running then are interrupted.
		 */
		private Duration drainTimeout = Duration.ofSeconds(10);

		public Duration getDrainTimeout() {
			return this.drainTimeout;
		}

		public void setDrainTimeout(Duration drainTimeout) {
			this.drainTimeout = drainTimeout;
		}

	}

	/**
	 * The ZooKeeper connection.
	 */
	public static class Zookeeper {

		/**
		 * ZooKeeper servers to connect to, as host:port[,host:port...][/chroot].
		 */
		private String connectString = "localhost:2181";

		/**
		 * Session timeout requested from ZooKeeper (the server clamps it to 2 to 20 times
		 * its tickTime). A crashed leader is replaced about this long after it dies.
		 */
		private Duration sessionTimeout = Duration.ofSeconds(15);

		/**
		 * How long to wait for a connection to be established. Defaults to the smaller of
		 * 5s and the session timeout.
		 */
		private @Nullable Duration connectionTimeout;

		/**
		 * Namespace (chroot) that prefixes every path the client uses.
		 */
		private @Nullable String namespace;

		/**
		 * How long start-up waits for a first connection to ZooKeeper. Zero does not
		 * wait.
		 */
		private Duration startupWait = Duration.ofSeconds(10);

		/**
		 * Whether start-up fails when ZooKeeper cannot be reached within the startup
		 * wait. When false, the application starts as a non-leader and joins the election
		 * once ZooKeeper answers.
		 */
		private boolean failFast;

		/**
		 * Access control list of the znodes the client creates: 'creator-all-world-read'
		 * (full rights for the client's authenticated identity, read for everyone),
		 * 'creator-all' (full rights for the client's identity, nothing for anyone else)
		 * or 'open' (full rights for everyone). Defaults to creator-all-world-read when
		 * credentials are set, else open.
		 */
		private @Nullable ZooKeeperAcl acl;

		private final Retry retry = new Retry();

		private final Auth auth = new Auth();

		private final Tls tls = new Tls();

		private final Ssl ssl = new Ssl();

		public String getConnectString() {
			return this.connectString;
		}

		public void setConnectString(String connectString) {
			this.connectString = connectString;
		}

		public Duration getSessionTimeout() {
			return this.sessionTimeout;
		}

		public void setSessionTimeout(Duration sessionTimeout) {
			this.sessionTimeout = sessionTimeout;
		}

		public @Nullable Duration getConnectionTimeout() {
			return this.connectionTimeout;
		}

		public void setConnectionTimeout(@Nullable Duration connectionTimeout) {
			this.connectionTimeout = connectionTimeout;
		}

		public @Nullable String getNamespace() {
			return this.namespace;
		}

		public void setNamespace(@Nullable String namespace) {
			this.namespace = namespace;
		}

		public Duration getStartupWait() {
			return this.startupWait;
		}

		public void setStartupWait(Duration startupWait) {
			this.startupWait = startupWait;
		}

		public boolean isFailFast() {
			return this.failFast;
		}

		public void setFailFast(boolean failFast) {
			this.failFast = failFast;
		}

		public @Nullable ZooKeeperAcl getAcl() {
			return this.acl;
		}

		public void setAcl(@Nullable ZooKeeperAcl acl) {
			this.acl = acl;
		}

		public Retry getRetry() {
			return this.retry;
		}

		public Auth getAuth() {
			return this.auth;
		}

		public Tls getTls() {
			return this.tls;
		}

		public Ssl getSsl() {
			return this.ssl;
		}

		@Nullable String namespaceWithoutLeadingSlash() {
			return (this.namespace != null) ? withoutLeadingSlash(this.namespace) : null;
		}

		static String withoutLeadingSlash(String namespace) {
			return namespace.startsWith("/") ? namespace.substring(1) : namespace;
		}

		Duration connectionTimeoutOrDefault() {
			if (this.connectionTimeout != null) {
				return this.connectionTimeout;
			}
			Duration fallback = Duration.ofSeconds(5);
			return (this.sessionTimeout.compareTo(fallback) < 0) ? this.sessionTimeout : fallback;
		}

	}

	/**
	 * Retries of failed ZooKeeper operations, with exponential back-off.
	 */
	public static class Retry {

		/**
		 * Sleep before the first retry; later retries sleep exponentially longer.
		 */
		private Duration baseSleep = Duration.ofSeconds(1);

		/**
		 * Maximum number of retries of one operation (0 to 29).
		 */
		private int maxRetries = 3;

		/**
		 * Upper bound of the sleep between two retries.
		 */
		private Duration maxSleep = Duration.ofSeconds(30);

		public Duration getBaseSleep() {
			return this.baseSleep;
		}

		public void setBaseSleep(Duration baseSleep) {
			this.baseSleep = baseSleep;
		}

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getMaxSleep() {
			return this.maxSleep;
		}

		public void setMaxSleep(Duration maxSleep) {
			this.maxSleep = maxSleep;
		}

	}

	/**
	 * Authentication of the ZooKeeper client.
	 */
	public static class Auth {

		/**
		 * Authentication scheme of the credentials, one the ZooKeeper servers have a
		 * provider for. ZooKeeper's built-in 'digest' scheme takes user:password.
		 */
		private String scheme = "digest";

		/**
		 * User name to authenticate as. Requires leader.zookeeper.auth.password.
		 */
		private @Nullable String username;

		/**
		 * Password of the user. Requires leader.zookeeper.auth.username.
		 */
		private @Nullable String password;

		/**
		 * Credentials in one value, user:password for the digest scheme. An alternative
		 * to username and password, not to be combined with them.
		 */
		private @Nullable String credentials;

		public String getScheme() {
			return this.scheme;
		}

		public void setScheme(String scheme) {
			this.scheme = scheme;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public @Nullable String getCredentials() {
			return this.credentials;
		}

		public void setCredentials(@Nullable String credentials) {
			this.credentials = credentials;
		}

		// What the client sends to ZooKeeper, or null when it does not authenticate.
		@Nullable String credentialsOrNull() {
			if (this.credentials != null) {
				return this.credentials;
			}
			return (this.username != null && this.password != null) ? this.username + ":" + this.password : null;
		}

	}

	/**
	 * TLS between the ZooKeeper client and the servers.
	 */
	public static class Tls {

		/**
		 * Whether to connect over TLS. The connect string must then name the servers'
		 * secure client port (secureClientPort).
		 */
		private boolean enabled;

		/**
		 * Key store with the client's certificate and private key, for servers that
		 * require client certificates (ZooKeeper's default, ssl.clientAuth=need).
		 */
		private final Store keyStore = new Store();

		/**
		 * Trust store with the certificates of the ZooKeeper servers or of the
		 * certificate authority that signed them.
		 */
		private final Store trustStore = new Store();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Store getKeyStore() {
			return this.keyStore;
		}

		public Store getTrustStore() {
			return this.trustStore;
		}

	}

	/**
	 * TLS between the ZooKeeper client and the servers, from a Spring Boot SSL bundle.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.jks.<name> or
		 * spring.ssl.bundle.pem.<name>) with the client's key and the trusted
		 * certificates. Setting it connects over TLS; an alternative to
		 * leader.zookeeper.tls.key-store and trust-store, not to be combined with them.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * A key store or trust store file.
	 */
	public static class Store {

		/**
		 * Path of the store file on the file system.
		 */
		private @Nullable String location;

		/**
		 * Password of the store.
		 */
		private @Nullable String password;

		/**
		 * Type of the store: PKCS12, JKS, PEM or BCFKS. Defaults to the type the file
		 * extension names (.p12, .jks, .pem, .bcfks).
		 */
		private @Nullable String type;

		public @Nullable String getLocation() {
			return this.location;
		}

		public void setLocation(@Nullable String location) {
			this.location = location;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public @Nullable String getType() {
			return this.type;
		}

		public void setType(@Nullable String type) {
			this.type = type;
		}

	}

}
