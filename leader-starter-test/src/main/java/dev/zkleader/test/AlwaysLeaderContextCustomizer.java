package dev.zkleader.test;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Switches leader election off and registers a {@link FixedLeadership} in its place.
 */
final class AlwaysLeaderContextCustomizer implements ContextCustomizer {

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		TestPropertyValues.of("leader.enabled=false").applyTo(context);
		context.getBeanFactory().registerSingleton("fixedLeadership", new FixedLeadership());
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AlwaysLeaderContextCustomizer;
	}

	@Override
	public int hashCode() {
		return AlwaysLeaderContextCustomizer.class.hashCode();
	}

}
