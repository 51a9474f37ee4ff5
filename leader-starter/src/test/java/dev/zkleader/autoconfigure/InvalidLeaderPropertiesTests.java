package dev.zkleader.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad value fails start-up before a client is built, with an analysis that names
 * the property, the value and the fix. No ZooKeeper is needed: validation runs first.
 */
class InvalidLeaderPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LeaderAutoConfiguration.class));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			leader.zookeeper.connect-string=                       | leader.zookeeper.connect-string
			leader.zookeeper.connect-string=zk1:2181,              | leader.zookeeper.connect-string
			leader.zookeeper.connect-string=zk1:two                | leader.zookeeper.connect-string
			leader.zookeeper.connect-string=zk1:99999              | leader.zookeeper.connect-string
			leader.zookeeper.connect-string=zk one:2181            | leader.zookeeper.connect-string
			leader.zookeeper.connect-string=zk1:2181/app//leader   | leader.zookeeper.connect-string
			leader.path=elections/orders                           | leader.path
			leader.path=/elections/orders/                         | leader.path
			leader.path=/                                          | leader.path
			leader.participant-id=\u0020                           | leader.participant-id
			leader.zookeeper.namespace=team//a                     | leader.zookeeper.namespace
			leader.zookeeper.session-timeout=0s                    | leader.zookeeper.session-timeout
			leader.zookeeper.session-timeout=-3s                   | leader.zookeeper.session-timeout
			leader.zookeeper.connection-timeout=0ms                | leader.zookeeper.connection-timeout
			leader.zookeeper.startup-wait=-1s                      | leader.zookeeper.startup-wait
			leader.zookeeper.retry.base-sleep=0s                   | leader.zookeeper.retry.base-sleep
			leader.zookeeper.retry.max-sleep=-5s                   | leader.zookeeper.retry.max-sleep
			leader.zookeeper.retry.max-retries=30                  | leader.zookeeper.retry.max-retries
			leader.zookeeper.retry.max-retries=-1                  | leader.zookeeper.retry.max-retries
			spring.application.name=orders//eu                     | spring.application.name
			leader.elections[Reports].path=/reports                | leader.elections[Reports]
			leader.elections.reports.path=reports                  | leader.elections.reports.path
			leader.elections.reports.participant-id=\u0020         | leader.elections.reports.participant-id
			leader.shutdown.drain-timeout=-1s                      | leader.shutdown.drain-timeout
			""")
	void failsWithAnAnalysisThatNamesTheProperty(String assignment, String property) {
		this.contextRunner.withPropertyValues(assignment).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = RegisteredFailureAnalyzers.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'" + property + "'");
			assertThat(analysis.getAction()).startsWith("Fix '" + property + "': ").hasSizeGreaterThan(20);
		});
	}

	@Test
	void failsWhenTheSessionTimeoutIsShorterThanAnExplicitConnectionTimeout() {
		this.contextRunner
			.withPropertyValues("leader.zookeeper.session-timeout=2s", "leader.zookeeper.connection-timeout=5s")
			.run((context) -> {
				FailureAnalysis analysis = RegisteredFailureAnalyzers.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'leader.zookeeper.session-timeout'")
					.contains("'PT2S'")
					.contains("shorter than leader.zookeeper.connection-timeout");
				assertThat(analysis.getAction()).contains("leader.zookeeper.connection-timeout");
			});
	}

	@Test
	void analysisQuotesTheBadValueAndTheProblem() {
		this.contextRunner.withPropertyValues("leader.zookeeper.connect-string=zk1:99999")
			.run((context) -> assertThat(
					RegisteredFailureAnalyzers.analyze(context.getStartupFailure()).getDescription())
				.contains("'zk1:99999'")
				.contains("port 99999 is outside 1 to 65535"));
	}

}
