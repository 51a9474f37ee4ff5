package dev.zkleader.autoconfigure;

import dev.zkleader.actuate.LeaderEndpoint;
import dev.zkleader.election.ElectionRegistry;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code leader} actuator endpoint.
 */
@AutoConfiguration(after = LeaderAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(ElectionRegistry.class)
@ConditionalOnAvailableEndpoint(LeaderEndpoint.class)
public final class LeaderEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LeaderEndpoint leaderEndpoint(ElectionRegistry leaderElections) {
		return new LeaderEndpoint(leaderElections);
	}

}
