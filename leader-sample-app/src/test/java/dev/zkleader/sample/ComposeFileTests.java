package dev.zkleader.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.zkleader.autoconfigure.LeaderProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * There is no Docker engine here, so the compose file and the Dockerfile are checked by
 * reading them: the services exist, are wired as the demo needs, and every variable they
 * set binds to a real property (no typo survives).
 */
class ComposeFileTests {

	private static final Path COMPOSE_FILE = Path.of("..", "docker-compose.yml");

	private static final Path DOCKERFILE = Path.of("Dockerfile");

	private static final List<String> INSTANCES = List.of("instance-1", "instance-2", "instance-3", "instance-4",
			"instance-5", "instance-6");

	private static final String SAMPLE_IMAGE = "zkleader/leader-sample-app:0.1.0-SNAPSHOT";

	private static Map<String, Object> services;

	private static Set<String> knownProperties;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void read() throws IOException {
		try (InputStream in = Files.newInputStream(COMPOSE_FILE)) {
			Map<String, Object> compose = new Yaml().load(in);
			services = (Map<String, Object>) compose.get("services");
		}
		knownProperties = new LinkedHashSet<>();
		for (URL url : Collections.list(
				ComposeFileTests.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				Map<String, Object> metadata = JsonParserFactory.getJsonParser()
					.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
				for (Object property : (List<Object>) metadata.getOrDefault("properties", List.of())) {
					knownProperties.add((String) ((Map<String, Object>) property).get("name"));
				}
			}
		}
		assertThat(knownProperties).contains("leader.zookeeper.connect-string", "sample.crash-after-leading");
	}

	@Test
	@SuppressWarnings("unchecked")
	void zookeeperServiceUsesTheOfficialImageWithAHealthcheckAndAPort() {
		Map<String, Object> zookeeper = (Map<String, Object>) services.get("zookeeper");
		assertThat(zookeeper).isNotNull();
		assertThat((String) zookeeper.get("image")).startsWith("zookeeper:3.9");
		assertThat((List<String>) zookeeper.get("ports")).contains("2181:2181");
		Map<String, Object> healthcheck = (Map<String, Object>) zookeeper.get("healthcheck");
		assertThat((List<String>) healthcheck.get("test")).isNotEmpty();
		assertThat(healthcheck).containsKeys("interval", "retries");
	}

	@Test
	void definesExactlySixSampleInstances() {
		assertThat(services.keySet()).filteredOn((name) -> name.startsWith("instance-"))
			.containsExactlyInAnyOrderElementsOf(INSTANCES);
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyInstanceRunsTheSampleImageAndWaitsForAHealthyZooKeeper() {
		Set<String> ports = new LinkedHashSet<>();
		Set<String> ids = new LinkedHashSet<>();
		for (String name : INSTANCES) {
			Map<String, Object> instance = (Map<String, Object>) services.get(name);
			assertThat(instance).containsEntry("image", SAMPLE_IMAGE).containsEntry("restart", "no");
			Map<String, Object> dependsOn = (Map<String, Object>) instance.get("depends_on");
			assertThat((Map<String, Object>) dependsOn.get("zookeeper")).containsEntry("condition", "service_healthy");
			Map<String, Object> environment = (Map<String, Object>) instance.get("environment");
			assertThat(environment).containsEntry("LEADER_ZOOKEEPER_CONNECT_STRING", "zookeeper:2181")
				.containsKeys("LEADER_ZOOKEEPER_SESSION_TIMEOUT", "SAMPLE_CRASH_AFTER_LEADING");
			ids.add((String) environment.get("LEADER_PARTICIPANT_ID"));
			List<String> instancePorts = (List<String>) instance.get("ports");
			assertThat(instancePorts).hasSize(1).allMatch((port) -> port.endsWith(":8080"));
			ports.addAll(instancePorts);
		}
		assertThat(ports).as("host ports").hasSize(INSTANCES.size());
		assertThat(ids).as("participant ids").hasSize(INSTANCES.size());
	}

	@Test
	@SuppressWarnings("unchecked")
	void theImageIsBuiltOnceByTheFirstInstanceAndTheOthersStartWithIt() {
		List<String> builders = services.entrySet()
			.stream()
			.filter((service) -> ((Map<String, Object>) service.getValue()).containsKey("build"))
			.map(Map.Entry::getKey)
			.toList();
		assertThat(builders).as("services that build an image").containsExactly("instance-1");
		Map<String, Object> build = (Map<String, Object>) ((Map<String, Object>) services.get("instance-1"))
			.get("build");
		assertThat(build).containsEntry("context", ".").containsEntry("dockerfile", "leader-sample-app/Dockerfile");
		// docker-compose 1.x readies the services in the file's order: the builder comes
		// before those that only run its image.
		assertThat(services.keySet()).filteredOn((name) -> name.startsWith("instance-"))
			.first()
			.isEqualTo("instance-1");
		// A dependency on instance-1 would hold the others back until its container runs:
		// the first leader would lead alone and crash before the others joined.
		for (String name : INSTANCES) {
			Map<String, Object> dependsOn = (Map<String, Object>) ((Map<String, Object>) services.get(name))
				.get("depends_on");
			assertThat(dependsOn).as("%s depends on", name).containsOnlyKeys("zookeeper");
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyVariableTheInstancesSetBindsToARealProperty() {
		for (String name : INSTANCES) {
			Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services.get(name))
				.get("environment");
			assertThat(environment.keySet()).filteredOn((variable) -> variable.matches("(LEADER|SAMPLE)_.*"))
				.isNotEmpty()
				.allSatisfy((variable) -> assertThat(propertyBoundBy(variable, environment.get(variable)))
					.as("property that %s of %s binds to", variable, name)
					.isNotNull());
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void theInstancesEnvironmentBindsToTheIntendedValues() {
		Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services.get("instance-1"))
			.get("environment");
		Binder binder = new Binder(ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
				"systemEnvironment", Map.copyOf((Map<String, Object>) (Map<String, ?>) environment))));
		LeaderProperties leader = binder.bind("leader", LeaderProperties.class).get();
		assertThat(leader.getZookeeper().getConnectString()).isEqualTo("zookeeper:2181");
		assertThat(leader.getZookeeper().getSessionTimeout()).isEqualTo(Duration.ofSeconds(4));
		assertThat(leader.getParticipantId()).isEqualTo("instance-1");
		SampleProperties sample = binder.bind("sample", SampleProperties.class).get();
		assertThat(sample.getCrashAfterLeading()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void dockerfileBuildsTheSampleModuleInAMavenStageAndRunsItOnAJre17() throws IOException {
		String dockerfile = Files.readString(DOCKERFILE);
		List<String> stages = dockerfile.lines().filter((line) -> line.startsWith("FROM ")).toList();
		assertThat(stages).hasSize(2);
		assertThat(stages.get(0)).contains("maven").contains("17").endsWith("AS build");
		assertThat(stages.get(1)).contains("17-jre");
		// Error Prone runs in the compiler only with the JVM options of .mvn/jvm.config.
		assertThat(Path.of("..", ".mvn", "jvm.config")).exists();
		assertThat(dockerfile).contains("COPY .mvn .mvn");
		assertThat(dockerfile).contains("COPY leader-sample-app leader-sample-app")
			.contains("-pl leader-sample-app -am package");
		Matcher jar = Pattern.compile("COPY --from=build /src/(\\S+) ").matcher(dockerfile);
		assertThat(jar.find()).isTrue();
		assertThat(jar.group(1)).startsWith("leader-sample-app/target/leader-sample-app-").endsWith("-exec.jar");
		// Every module the root reactor lists must be present in the build stage, or
		// Maven refuses to start.
		String rootPom = Files.readString(Path.of("..", "pom.xml"));
		// The default reactor only: modules of profiles (the benchmarks) are not built
		// there.
		String defaultModules = rootPom.substring(rootPom.indexOf("<modules>"), rootPom.indexOf("</modules>"));
		Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(defaultModules);
		while (modules.find()) {
			assertThat(dockerfile).as("Dockerfile copies module %s", modules.group(1))
				.containsPattern("COPY " + Pattern.quote(modules.group(1)) + "[ /]");
		}
	}

	private static String propertyBoundBy(String variable, Object value) {
		ConfigurationPropertySource source = ConfigurationPropertySource
			.from(new SystemEnvironmentPropertySource("systemEnvironment", Map.of(variable, value)));
		return knownProperties.stream()
			.filter((property) -> source.getConfigurationProperty(ConfigurationPropertyName.of(property)) != null)
			.findFirst()
			.orElse(null);
	}

}
