package dev.zkleader.autoconfigure;

import dev.zkleader.LeaderOnly;
import org.apache.zookeeper.ClientCnxnSocketNIO;
import org.apache.zookeeper.ClientCnxnSocketNetty;
import org.apache.zookeeper.client.ZKClientConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native-image hints the starter contributes, checked the way Spring checks its own:
 * with {@link RuntimeHintsPredicates} against the registered hints.
 */
class ZooKeeperClientRuntimeHintsTests {

	@Test
	void registeredInAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(ZooKeeperClientRuntimeHints.class);
	}

	@Test
	void zooKeeperMayCreateEitherConnectionSocketByName() throws NoSuchMethodException {
		RuntimeHints hints = hints();
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(ClientCnxnSocketNIO.class.getDeclaredConstructor(ZKClientConfig.class)))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(ClientCnxnSocketNetty.class.getDeclaredConstructor(ZKClientConfig.class)))
			.accepts(hints);
	}

	@Test
	void curatorMayProbeWhatZooKeeperSupports() throws ClassNotFoundException {
		RuntimeHints hints = hints();
		assertThat(RuntimeHintsPredicates.reflection().onType(Class.forName("org.apache.zookeeper.AddWatchMode")))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation("org.apache.zookeeper.server.quorum.MultipleAddresses", "getReachableOrOne"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onFieldAccess("org.apache.zookeeper.server.quorum.QuorumPeer$QuorumServer", "addr")).accepts(hints);
	}

	@Test
	void leaderOnlyMethodsOfABeanMayBeInvokedReflectively() {
		RuntimeHints hints = new RuntimeHints();
		new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(hints, Work.class);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Work.class, "report")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Work.class, "ungated")).rejects(hints);
	}

	private static RuntimeHints hints() {
		RuntimeHints hints = new RuntimeHints();
		new ZooKeeperClientRuntimeHints().registerHints(hints, ZooKeeperClientRuntimeHintsTests.class.getClassLoader());
		return hints;
	}

	static class Work {

		@LeaderOnly
		public @Nullable String report() {
			return "report";
		}

		public String ungated() {
			return "ungated";
		}

	}

}
