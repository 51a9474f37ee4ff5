package dev.zkleader.autoconfigure;

import dev.zkleader.actuate.LeaderMetrics;
import dev.zkleader.election.ElectionRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.curator.framework.CuratorFramework;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the elections' Micrometer metrics.
 */
@AutoConfiguration(after = LeaderAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(ElectionRegistry.class)
public final class LeaderMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LeaderMetrics leaderMetrics(ElectionRegistry leaderElections, CuratorFramework curatorFramework) {
		return new LeaderMetrics(leaderElections, curatorFramework);
	}

}
