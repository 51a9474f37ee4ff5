package dev.zkleader.jdbc;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.zkleader.LeadershipContext;
import dev.zkleader.TestZooKeeper;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Against a real (embedded H2) database: a replaced leader's write is refused, the new
 * leader's goes through; tokens come from a real ZooKeeper where the point is how zxids
 * behave.
 */
@ExtendWith(OutputCaptureExtension.class)
class JdbcFenceTests {

	private JdbcTemplate jdbc;

	private TransactionTemplate transactions;

	private JdbcFence fence;

	@BeforeEach
	void createSchema() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:fence-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.fence = new JdbcFence(this.jdbc);
		this.jdbc.execute(this.fence.createTableStatement());
		this.jdbc.execute("CREATE TABLE report (id INT PRIMARY KEY, body VARCHAR(100))");
		this.jdbc.update("INSERT INTO report VALUES (1, 'empty')");
	}

	@AfterEach
	void dropDatabase() {
		this.jdbc.execute("SHUTDOWN");
	}

	private boolean publish(long token, String body) {
		return this.transactions.execute((status) -> this.fence.write("report", token,
				() -> this.jdbc.update("UPDATE report SET body = ? WHERE id = 1", body)));
	}

	private Boolean publishAsCurrentLeader(String body) {
		return this.transactions.execute((status) -> this.fence.writeAsCurrentLeader("report",
				() -> this.jdbc.update("UPDATE report SET body = ? WHERE id = 1", body)));
	}

	private String report() {
		return this.jdbc.queryForObject("SELECT body FROM report WHERE id = 1", String.class);
	}

	@Test
	void aReplacedLeadersWriteIsRefused() {
		assertThat(publish(1001, "by the first leader")).isTrue();
		assertThat(publish(2002, "by the second leader")).isTrue();
		assertThat(publish(1001, "by the first leader, resumed after a pause")).isFalse();
		assertThat(report()).isEqualTo("by the second leader");
		assertThat(this.jdbc.queryForObject("SELECT token FROM leader_fence WHERE resource = 'report'", Long.class))
			.isEqualTo(2002);
	}

	@Test
	void theCurrentLeaderWritesAgainAndAgain() {
		assertThat(publish(2002, "first run")).isTrue();
		assertThat(publish(2002, "second run")).isTrue();
		assertThat(report()).isEqualTo("second run");
	}

	@Test
	void usesTheTokenOfTheRunningLeaderOnlyCall() {
		try (LeadershipContext.Scope scope = LeadershipContext.enter("default", 3003, () -> true)) {
			assertThat(publishAsCurrentLeader("current")).isTrue();
		}
		try (LeadershipContext.Scope scope = LeadershipContext.enter("default", 1001, () -> true)) {
			assertThat(publishAsCurrentLeader("stale")).isFalse();
		}
		assertThat(report()).isEqualTo("current");
		assertThatIllegalStateException().isThrownBy(() -> this.fence.writeAsCurrentLeader("report", () -> {
		}));
	}

	@Test
	void refusesToRunOutsideATransaction() {
		AtomicBoolean wrote = new AtomicBoolean();
		assertThatIllegalStateException().isThrownBy(() -> this.fence.write("report", 1001, () -> wrote.set(true)))
			.withMessageContaining("must run inside the transaction that does the write");
		assertThatIllegalStateException().isThrownBy(() -> this.fence.tryAdvance("report", 1001));
		assertThat(wrote).isFalse();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM leader_fence", Integer.class)).isZero();
	}

	@Test
	void tokensOfARebuiltEnsembleAreRefusedUntilTheFenceIsReset(CapturedOutput output) throws Exception {
		long oldToken = tokenOfANewLeader(TestZooKeeper.start(), 20);
		long rebuiltToken = tokenOfANewLeader(TestZooKeeper.start(), 0);
		assertThat(rebuiltToken).as("a zxid of the rebuilt ensemble").isLessThan(oldToken);
		assertThat(publish(oldToken, "before the rebuild")).isTrue();
		assertThat(publish(rebuiltToken, "after the rebuild")).isFalse();
		assertThat(output).contains("Refused a write to 'report' with fencing token " + rebuiltToken)
			.contains("a leader with token " + oldToken + " has written to it")
			.contains("JdbcFence.reset()");
		assertThat(this.fence.reset()).isOne();
		assertThat(publish(rebuiltToken, "after the reset")).isTrue();
		assertThat(publish(rebuiltToken - 1, "by a replaced leader of the rebuilt ensemble")).isFalse();
		assertThat(report()).isEqualTo("after the reset");
	}

	// The token a leader gets: the creation zxid of its latch node, here created after
	// some other writes to the same server.
	private static long tokenOfANewLeader(TestingServer server, int writesBefore) throws Exception {
		try (server;
				CuratorFramework client = CuratorFrameworkFactory.newClient(server.getConnectString(),
						new RetryOneTime(100))) {
			client.start();
			for (int write = 0; write < writesBefore; write++) {
				client.create().creatingParentsIfNeeded().forPath("/other/node-" + write);
			}
			String node = client.create()
				.creatingParentsIfNeeded()
				.withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
				.forPath("/election/latch-");
			return client.checkExists().forPath(node).getCzxid();
		}
	}

	@Test
	void refusesTableNamesThatCouldInjectSql() {
		assertThat(new JdbcFence(this.jdbc, "app.leader_fence")).isNotNull();
		assertThatIllegalArgumentException().isThrownBy(() -> new JdbcFence(this.jdbc, "fence; DROP TABLE report"));
	}

}
