package dev.zkleader.sample;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

@Configuration(proxyBeanMethods = false)
class LeadershipEndingConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Terminator terminator(ApplicationContext context) {
		return new JvmTerminator(context);
	}

	@Bean
	LeadershipEnding leadershipEnding(SampleProperties properties, TaskScheduler scheduler, Terminator terminator) {
		return new LeadershipEnding(properties, scheduler, terminator);
	}

}
