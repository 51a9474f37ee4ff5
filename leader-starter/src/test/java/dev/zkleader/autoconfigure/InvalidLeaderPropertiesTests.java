package dev.zkleader.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every bad value fails start-up before a client is built, with an analysis that names
 * the property, the value and the fix. No ZooKeeper is needed: validation runs first.
 */
@ExtendWith(OutputCaptureExtension.class)
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

	// Several assignments per case, separated by ';'. 'pom.xml' is a file that exists but
	// is no key store (tests run in the module directory).
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					auth.username=orders                                                     | leader.zookeeper.auth.username
					auth.password=s3cret                                                     | leader.zookeeper.auth.password
					auth.username=orders; auth.password=                                     | leader.zookeeper.auth.password
					auth.credentials=orders:s3cret; auth.username=orders                     | leader.zookeeper.auth.credentials
					auth.credentials=orders:s3cret; auth.username=orders; auth.password=s3cret | leader.zookeeper.auth.credentials
					auth.credentials=orders-s3cret                                           | leader.zookeeper.auth.credentials
					auth.username=or:ders; auth.password=s3cret                              | leader.zookeeper.auth.username
					auth.scheme=; auth.credentials=orders:s3cret                              | leader.zookeeper.auth.scheme
					acl=creator-all                                                          | leader.zookeeper.acl
					acl=creator-all-world-read; tls.enabled=true; tls.trust-store.location=pom.xml | leader.zookeeper.acl
					tls.enabled=true                                                         | leader.zookeeper.tls.enabled
					tls.enabled=true; tls.trust-store.location=no/such/truststore.p12        | leader.zookeeper.tls.trust-store.location
					tls.enabled=true; tls.trust-store.location=pom.xml; tls.key-store.location=no/such/keystore.p12 | leader.zookeeper.tls.key-store.location
					tls.enabled=true; tls.trust-store.location=pom.xml; tls.key-store.password=s3cret | leader.zookeeper.tls.key-store.password
					tls.enabled=true; tls.trust-store.location=pom.xml; tls.trust-store.type=P12 | leader.zookeeper.tls.trust-store.type
					tls.enabled=true; tls.trust-store.location=pom.xml                       | leader.zookeeper.tls.trust-store.location
					tls.enabled=true; tls.trust-store.location=pom.xml; tls.trust-store.type=PKCS12; tls.trust-store.password=s3cret | leader.zookeeper.tls.trust-store.location
					""")
	void failsOnBadSecuritySettingsWithAnAnalysisThatNamesThePropertyButNoSecret(String assignments, String property) {
		String[] properties = Arrays.stream(assignments.split(";"))
			.map((assignment) -> "leader.zookeeper." + assignment.strip())
			.toArray(String[]::new);
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = RegisteredFailureAnalyzers.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'" + property + "'");
			assertThat(analysis.getAction()).startsWith("Fix '" + property + "': ").hasSizeGreaterThan(20);
			assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("s3cret");
			StringWriter trace = new StringWriter();
			context.getStartupFailure().printStackTrace(new PrintWriter(trace));
			assertThat(trace.toString()).doesNotContain("s3cret");
		});
	}

	@Test
	void failsWithSpringBootsBindingAnalysisWhenTheAclIsUnknown(CapturedOutput output) {
		SpringApplication application = new SpringApplication(AutoConfigured.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setDefaultProperties(Map.of("leader.zookeeper.acl", "everyone"));
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("leader.zookeeper.acl")
			.contains("everyone")
			.contains("CREATOR_ALL_WORLD_READ");
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

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(LeaderAutoConfiguration.class)
	static class AutoConfigured {

	}

}
