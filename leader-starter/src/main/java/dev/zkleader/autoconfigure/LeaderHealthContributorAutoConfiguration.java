package dev.zkleader.autoconfigure;

import dev.zkleader.actuate.LeaderHealthIndicator;
import dev.zkleader.election.ElectionRegistry;
import org.apache.curator.framework.CuratorFramework;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code leader} health indicator
 * ({@code management.health.leader.enabled}).
 */
@AutoConfiguration(after = LeaderAutoConfiguration.class)
@ConditionalOnClass(AbstractHealthIndicator.class)
@ConditionalOnBean(ElectionRegistry.class)
@ConditionalOnEnabledHealthIndicator("leader")
public final class LeaderHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "leaderHealthIndicator")
	LeaderHealthIndicator leaderHealthIndicator(CuratorFramework curatorFramework, ElectionRegistry leaderElections) {
		return new LeaderHealthIndicator(curatorFramework, leaderElections);
	}

}
