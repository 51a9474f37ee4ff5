package dev.zkleader.autoconfigure;

import org.apache.zookeeper.ClientCnxnSocketNIO;
import org.apache.zookeeper.ClientCnxnSocketNetty;
import org.apache.zookeeper.client.ZKClientConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Reflection hints for a native image: what the ZooKeeper client and Curator look up by
 * name when the starter builds and uses its client. Registered in
 * {@code META-INF/spring/aot.factories}.
 */
class ZooKeeperClientRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		// ZooKeeper creates its connection socket from the class named in
		// zookeeper.clientCnxnSocket: NIO by default, Netty for TLS (ZooKeeperTlsConfig).
		for (Class<?> socket : new Class<?>[] { ClientCnxnSocketNIO.class, ClientCnxnSocketNetty.class }) {
			hints.reflection()
				.registerType(socket, (type) -> type.withConstructor(TypeReference.listOf(ZKClientConfig.class),
						ExecutableMode.INVOKE));
		}
		// Curator's Compatibility probes these to learn what the ZooKeeper library
		// supports (persistent watches, multi-address servers); unreachable, it would
		// quietly assume an older ZooKeeper.
		hints.reflection().registerType(TypeReference.of("org.apache.zookeeper.AddWatchMode"));
		hints.reflection()
			.registerType(TypeReference.of("org.apache.zookeeper.server.quorum.MultipleAddresses"),
					MemberCategory.INVOKE_PUBLIC_METHODS);
		hints.reflection()
			.registerType(TypeReference.of("org.apache.zookeeper.server.quorum.QuorumPeer$QuorumServer"),
					(type) -> type.withField("addr"));
	}

}
