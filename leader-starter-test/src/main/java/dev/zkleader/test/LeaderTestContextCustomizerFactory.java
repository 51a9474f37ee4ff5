package dev.zkleader.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Turns {@link EmbeddedZooKeeper} and {@link AlwaysLeader} on a test class into context
 * customizers.
 */
class LeaderTestContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		EmbeddedZooKeeper embedded = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				EmbeddedZooKeeper.class);
		AlwaysLeader alwaysLeader = TestContextAnnotationUtils.findMergedAnnotation(testClass, AlwaysLeader.class);
		if (embedded != null && alwaysLeader != null) {
			throw new IllegalStateException(testClass.getName() + " uses both @EmbeddedZooKeeper and @AlwaysLeader: "
					+ "choose a real election on an embedded server, or leadership forced on without one");
		}
		if (embedded != null) {
			return new EmbeddedZooKeeperContextCustomizer(embedded.tickTime());
		}
		return (alwaysLeader != null) ? new AlwaysLeaderContextCustomizer() : null;
	}

}
