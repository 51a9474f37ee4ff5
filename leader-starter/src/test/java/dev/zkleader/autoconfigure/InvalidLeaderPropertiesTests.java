package dev.zkleader.autoconfigure;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.zkleader.LeaderOnly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every bad value fails start-up before a client connects, with Spring Boot's own
 * analysis: the property, the value (masked for secrets), where it was set (file, line
 * and column of a real {@code application.properties}, loaded the way Spring Boot loads
 * it) and a reason that says how to fix it. No ZooKeeper is needed.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidLeaderPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LeaderAutoConfiguration.class));

	@TempDir
	Path directory;

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
			leader.participant-id=\\u0020                          | leader.participant-id
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
			leader.elections[Reports].path=/reports                | leader.elections[Reports].path
			leader.elections.reports.path=reports                  | leader.elections.reports.path
			leader.elections.reports.participant-id=\\u0020        | leader.elections.reports.participant-id
			leader.elections.default.participant-id=node-1         | leader.elections.default.participant-id
			leader.shutdown.drain-timeout=-1s                      | leader.shutdown.drain-timeout
			""")
	void failsWithAnAnalysisThatSaysWhereTheValueWasSet(String assignment, String property) {
		assertFailsOn(property, assignment);
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
	void failsOnBadSecuritySettingsWithAnAnalysisThatShowsNoSecret(String assignments, String property) {
		String[] lines = Arrays.stream(assignments.split(";"))
			.map((assignment) -> "leader.zookeeper." + assignment.strip())
			.toArray(String[]::new);
		boolean secret = property.endsWith(".password") || property.endsWith(".credentials");
		boolean empty = lines[lineOf(property, lines) - 1].endsWith("=");
		assertFailsOn(property, lines, (failure) -> {
			assertThat(failure.analysis().getDescription() + failure.analysis().getAction()).doesNotContain("s3cret");
			if (secret && !empty) {
				assertThat(failure.analysis().getDescription()).contains("Value: \"******\"");
			}
			StringWriter trace = new StringWriter();
			failure.exception().printStackTrace(new PrintWriter(trace));
			assertThat(trace.toString()).doesNotContain("s3cret");
		});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					leader.path=/a; leader.elections.reports.path=/a/reports                       | leader.elections.reports.path | lies inside the path /a of the default election (leader.path)
					leader.elections.reports.path=/x; leader.elections.audit.path=/x               | leader.elections.audit.path   | is also the path of the election 'reports' (leader.elections.reports.path)
					leader.elections.reports.path=/leader-election/default/reports                 | leader.elections.reports.path | lies inside the path /leader-election/default of the default election (its default path: leader.path is not set)
					leader.path=/a/b/c; leader.elections.reports.path=/a                           | leader.elections.reports.path | contains the path /a/b/c of the default election (leader.path)
					leader.elections.audit.path=/a.reports; leader.path=/a; leader.elections.reports.participant-id=node-1 | leader.elections.audit.path | is also the path of the election 'reports' (its default path: leader.elections.reports.path is not set)
					""")
	void failsWhenTwoElectionPathsNestNamingBothProperties(String assignments, String property, String problem) {
		assertFailsOn(property, assignments.split("; "),
				(failure) -> assertThat(failure.analysis().getDescription()).contains(problem)
					.contains("give each election a path of its own"));
	}

	@Test
	void failsWhenLeaderOnlyNamesAnElectionWhileElectionIsDisabled() {
		assertFailsOn(
				this.contextRunner.withConfiguration(AutoConfigurations.of(LeaderOnlyAutoConfiguration.class))
					.withBean(NamedWork.class),
				"leader.enabled", new String[] { "leader.enabled=false" },
				(failure) -> assertThat(failure.analysis().getDescription())
					.contains("@LeaderOnly methods name the elections [reports], but leader election is disabled")
					.contains("set leader.enabled=true to run those elections"));
	}

	@Test
	void namedElectionsBesideTheDefaultPathStart() {
		this.contextRunner
			.withPropertyValues("leader.zookeeper.startup-wait=0s", "leader.path=/leader-election/billing",
					"leader.elections.reports.participant-id=n1",
					"leader.elections.audit.path=/leader-election/billing-audit")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failsWithSpringBootsBindingAnalysisWhenTheAclIsUnknown(CapturedOutput output) {
		SpringApplication application = application("leader.zookeeper.acl=everyone");
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("leader.zookeeper.acl")
			.contains("everyone")
			.contains("application.properties] - 1:22")
			.contains("CREATOR_ALL_WORLD_READ");
	}

	@Test
	void stopsTheApplicationWithTheSameKindOfAnalysisForABadValue(CapturedOutput output) {
		SpringApplication application = application("leader.zookeeper.session-timeout=4s",
				"leader.zookeeper.connect-string=zk1:99999");
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: leader.zookeeper.connectString")
			.contains("Value: \"zk1:99999\"")
			.contains("application.properties] - 2:33")
			.contains("Reason: port 99999 is outside 1 to 65535; use host:port[,host:port...][/chroot]");
	}

	@Test
	void failsWhenTheSessionTimeoutIsShorterThanAnExplicitConnectionTimeout() {
		assertFailsOn("leader.zookeeper.session-timeout",
				new String[] { "leader.zookeeper.session-timeout=2s", "leader.zookeeper.connection-timeout=5s" },
				(failure) -> assertThat(failure.analysis().getDescription()).contains("PT2S")
					.contains("shorter than leader.zookeeper.connection-timeout")
					.contains("lower or remove leader.zookeeper.connection-timeout"));
	}

	@Test
	void analysisQuotesTheBadValueAndTheProblem() {
		assertFailsOn("leader.zookeeper.connect-string", new String[] { "leader.zookeeper.connect-string=zk1:99999" },
				(failure) -> assertThat(failure.analysis().getDescription()).contains("\"zk1:99999\"")
					.contains("port 99999 is outside 1 to 65535"));
	}

	private void assertFailsOn(String property, String... lines) {
		assertFailsOn(property, lines, (failure) -> {
		});
	}

	private void assertFailsOn(String property, String[] lines, Consumer<Failure> more) {
		assertFailsOn(this.contextRunner, property, lines, more);
	}

	// Writes the lines to an application.properties, starts the starter with it, and
	// checks the analysis names the property, the file and the line that set it, and a
	// fix.
	private void assertFailsOn(ApplicationContextRunner runner, String property, String[] lines,
			Consumer<Failure> more) {
		Path file = write(lines);
		int line = lineOf(property, lines);
		AtomicReference<ConfigurableApplicationContext> failed = new AtomicReference<>();
		runner.withPropertyValues("spring.config.location=" + file.toUri())
			.withInitializer(new ConfigDataApplicationContextInitializer())
			.withInitializer(failed::set)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = RegisteredFailureAnalyzers.analyze(context.getStartupFailure(),
						failed.get());
				assertThat(analysis.getDescription()).containsAnyOf("Property: " + boundForm(property),
						"configuration property '" + property + "'");
				// Spring Boot's loader places an empty value at the start of the next
				// line.
				assertThat(analysis.getDescription()).contains(
						file.toString() + "] - " + (lines[line - 1].endsWith("=") ? (line + 1) + ":0" : line + ":"));
				more.accept(new Failure(analysis, context.getStartupFailure()));
			});
	}

	// Spring Boot's binding analysis names a property by its object and Java field:
	// leader.zookeeper.connectString for leader.zookeeper.connect-string.
	private static String boundForm(String property) {
		int dot = property.lastIndexOf('.');
		String[] words = property.substring(dot + 1).split("-");
		StringBuilder field = new StringBuilder(words[0]);
		for (int i = 1; i < words.length; i++) {
			field.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
		}
		return property.substring(0, dot + 1) + field;
	}

	private Path write(String... lines) {
		try {
			return Files.write(this.directory.resolve("application.properties"), List.of(lines));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int lineOf(String property, String[] lines) {
		for (int i = 0; i < lines.length; i++) {
			if (lines[i].startsWith(property + "=")) {
				return i + 1;
			}
		}
		throw new IllegalArgumentException(property + " is not set by " + Arrays.toString(lines));
	}

	private SpringApplication application(String... lines) {
		SpringApplication application = new SpringApplication(AutoConfigured.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setDefaultProperties(Map.of("spring.config.location", write(lines).toUri().toString(),
				"leader.zookeeper.startup-wait", "0s"));
		return application;
	}

	private record Failure(FailureAnalysis analysis, Throwable exception) {
	}

	static class NamedWork {

		@LeaderOnly("reports")
		public void report() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(LeaderAutoConfiguration.class)
	static class AutoConfigured {

	}

}
