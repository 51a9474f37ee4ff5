package dev.zkleader;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * A real ZooKeeper server for a test class, and the application instances each test
 * starts on it, in an election path of the test's own. Register it as a static field with
 * {@code @RegisterExtension}; it stops the instances after each test and the server after
 * the class, also on failure.
 */
public final class ZooKeeperInstances
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	/**
	 * How long a test waits for anything; generous, for a loaded 2-core machine.
	 */
	public static final Duration PATIENCE = Duration.ofSeconds(30);

	private final String root;

	private final List<TestInstance> instances = new CopyOnWriteArrayList<>();

	private TestingServer server;

	private String path;

	public ZooKeeperInstances(String root) {
		this.root = root;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.server = TestZooKeeper.start();
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		this.server.close();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.path = this.root + "/" + context.getRequiredTestMethod().getName();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.instances.forEach((instance) -> {
			instance.longWork().release();
			instance.close();
		});
		this.instances.clear();
	}

	public TestingServer server() {
		return this.server;
	}

	public String connectString() {
		return this.server.getConnectString();
	}

	/**
	 * The election path of the running test.
	 * @return the path
	 */
	public String path() {
		return this.path;
	}

	public TestInstance start(String id, String... properties) {
		return start(id, List.of(), properties);
	}

	public TestInstance start(String id, List<Class<?>> configurations, String... properties) {
		TestInstance instance = TestInstance.start(id, connectString(), this.path, configurations, properties);
		this.instances.add(instance);
		return instance;
	}

	public List<TestInstance> instances() {
		return List.copyOf(this.instances);
	}

	/**
	 * The running instances that lead the default election now.
	 * @return the leaders
	 */
	public List<TestInstance> leaders() {
		return this.instances.stream()
			.filter(TestInstance::isRunning)
			.filter((instance) -> instance.leadership().isLeader())
			.toList();
	}

	public TestInstance awaitSingleLeader() {
		await().atMost(PATIENCE).until(() -> leaders().size() == 1);
		return leaders().get(0);
	}

	/**
	 * Another running instance than the given one.
	 * @param instance the one to avoid
	 * @return the first other instance
	 */
	public TestInstance other(TestInstance instance) {
		return this.instances.stream()
			.filter((candidate) -> candidate != instance && candidate.isRunning())
			.findFirst()
			.orElseThrow();
	}

}
