package dev.zkleader.sample;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link NamedJobs}, with {@code sample.named-jobs=true} only: the other demos and
 * the compose file run the default election alone. (Spring AOT fixes this condition at
 * build time, where it is off.)
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("sample.named-jobs")
class NamedJobsConfiguration {

	@Bean
	NamedJobs namedJobs() {
		return new NamedJobs();
	}

}
