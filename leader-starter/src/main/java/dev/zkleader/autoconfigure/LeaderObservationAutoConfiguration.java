package dev.zkleader.autoconfigure;

import dev.zkleader.gate.LeaderOnlyObserver;
import dev.zkleader.observation.LeaderOnlyObservationConvention;
import dev.zkleader.observation.LeaderOnlyObservations;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code leader.only.execution} observations, when the
 * application has an {@link ObservationRegistry} (Spring Boot's actuator makes one).
 * Without one, the gate has no observer and observes nothing.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
public final class LeaderObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(LeaderOnlyObserver.class)
	LeaderOnlyObservations leaderOnlyObservations(ObservationRegistry observationRegistry,
			ObjectProvider<LeaderOnlyObservationConvention> convention) {
		return new LeaderOnlyObservations(observationRegistry, convention.getIfUnique());
	}

}
