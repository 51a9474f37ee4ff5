package dev.zkleader.test;

import java.time.Duration;

import dev.zkleader.LeaderOnly;
import dev.zkleader.Leadership;
import dev.zkleader.LeadershipContext;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's {@code @SpringBootTest} with a real, embedded ZooKeeper server.
 */
@SpringBootTest(classes = EmbeddedZooKeeperTests.Application.class)
@EmbeddedZooKeeper
class EmbeddedZooKeeperTests {

	@Autowired
	private Leadership leadership;

	@Autowired
	private CuratorFramework client;

	@Autowired
	private Job job;

	@Test
	void theApplicationLeadsThroughARealZooKeeperServer() throws Exception {
		assertThat(this.leadership.awaitLeadership(Duration.ofSeconds(30))).isTrue();
		assertThat(this.client.getZookeeperClient().getCurrentConnectionString()).startsWith("127.0.0.1:");
		assertThat(this.client.getChildren().forPath("/leader-election/default")).hasSize(1);
		assertThat(this.job.run()).isEqualTo(this.leadership.fencingToken().getAsLong());
	}

	@SpringBootApplication
	static class Application {

		@Bean
		Job job() {
			return new Job();
		}

	}

	static class Job {

		@LeaderOnly
		public @Nullable Long run() {
			return LeadershipContext.currentToken().getAsLong();
		}

	}

}
