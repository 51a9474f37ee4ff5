package dev.zkleader.test;

import dev.zkleader.LeaderElections;
import dev.zkleader.LeaderOnly;
import dev.zkleader.Leadership;
import dev.zkleader.LeadershipContext;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's {@code @SpringBootTest} that needs the leader-only code to run, without any
 * ZooKeeper.
 */
@SpringBootTest(classes = AlwaysLeaderTests.Application.class)
@AlwaysLeader
class AlwaysLeaderTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private Leadership leadership;

	@Autowired
	private Job job;

	@Test
	void leaderOnlyMethodsRunWithAFixedTokenAndNoZooKeeperIsContacted() {
		assertThat(this.leadership.isLeader()).isTrue();
		assertThat(this.job.run()).isEqualTo("default:" + FixedLeadership.TOKEN);
		assertThat(this.job.runReports()).isEqualTo("reports:" + FixedLeadership.TOKEN);
		assertThat(this.context.getBeanNamesForType(CuratorFramework.class)).isEmpty();
		assertThat(this.context.getBean(LeaderElections.class).get("reports").isLeader()).isTrue();
	}

	@Test
	void fixedLeadershipWorksInAPlainUnitTestToo() {
		FixedLeadership leadership = new FixedLeadership();
		var run = leadership.begin("default");
		try {
			assertThat(LeadershipContext.currentToken()).hasValue(FixedLeadership.TOKEN);
			assertThat(LeadershipContext.stillLeading()).isTrue();
		}
		finally {
			run.end();
		}
		assertThat(LeadershipContext.currentToken()).isEmpty();
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
		public @Nullable String run() {
			return LeadershipContext.currentElection().orElseThrow() + ":"
					+ LeadershipContext.currentToken().getAsLong();
		}

		@LeaderOnly("reports")
		public @Nullable String runReports() {
			return run();
		}

	}

}
