package dev.zkleader.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opt-in ensemble variant, read as {@link ComposeFileTests} reads the main file: it
 * is layered on docker-compose.yml, so it names only what changes there.
 */
class EnsembleComposeFileTests {

	private static final Path ENSEMBLE_FILE = Path.of("..", "docker-compose.ensemble.yml");

	private static final List<String> SERVERS = List.of("zookeeper", "zookeeper-2", "zookeeper-3");

	private static Map<String, Object> services;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void read() throws IOException {
		try (InputStream in = Files.newInputStream(ENSEMBLE_FILE)) {
			Map<String, Object> compose = new Yaml().load(in);
			services = (Map<String, Object>) compose.get("services");
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void threeServersWithDistinctIdsEachKnowTheWholeEnsemble() {
		List<Object> ids = SERVERS.stream().map((name) -> environment(name).get("ZOO_MY_ID")).toList();
		assertThat(ids).containsExactly(1, 2, 3);
		for (String name : SERVERS) {
			String servers = (String) environment(name).get("ZOO_SERVERS");
			for (int id = 1; id <= SERVERS.size(); id++) {
				assertThat(servers).as("ZOO_SERVERS of %s", name)
					.contains("server." + id + "=" + SERVERS.get(id - 1) + ":2888:3888;2181");
			}
		}
		for (String name : SERVERS.subList(1, SERVERS.size())) {
			Map<String, Object> healthcheck = (Map<String, Object>) ((Map<String, Object>) services.get(name))
				.get("healthcheck");
			assertThat((List<String>) healthcheck.get("test")).as("healthcheck of %s", name).isNotEmpty();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyInstanceConnectsToAllThreeServersAndWaitsForThemToBeHealthy() {
		for (int i = 1; i <= 6; i++) {
			String name = "instance-" + i;
			assertThat(environment(name)).as("environment of %s", name)
				.containsEntry("LEADER_ZOOKEEPER_CONNECT_STRING", "zookeeper:2181,zookeeper-2:2181,zookeeper-3:2181")
				.containsEntry("LEADER_CONNECTION_LOSS", "${LEADER_CONNECTION_LOSS:-lease}");
			Map<String, Object> dependsOn = (Map<String, Object>) ((Map<String, Object>) services.get(name))
				.get("depends_on");
			assertThat(dependsOn).as("%s depends on", name).containsOnlyKeys(SERVERS);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> environment(String service) {
		return (Map<String, Object>) ((Map<String, Object>) services.get(service)).get("environment");
	}

}
