package dev.zkleader.autoconfigure;

import java.util.Locale;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Masks the starter's passwords and credentials in the actuator's {@code configprops} and
 * {@code env} endpoints, even where an application lets them show values
 * ({@code management.endpoint.*.show-values}).
 */
@AutoConfiguration(after = LeaderAutoConfiguration.class)
@ConditionalOnClass(SanitizingFunction.class)
public final class LeaderSecretsSanitizingAutoConfiguration {

	// In the uniform form: lower case, no dashes, dots between the parts.
	private static final Set<String> SECRETS = Set.of("leader.zookeeper.auth.password",
			"leader.zookeeper.auth.credentials", "leader.zookeeper.tls.keystore.password",
			"leader.zookeeper.tls.truststore.password");

	@Bean
	@ConditionalOnMissingBean(name = "leaderSecretsSanitizingFunction")
	SanitizingFunction leaderSecretsSanitizingFunction() {
		return SanitizingFunction.sanitizeValue().ifKeyMatches(LeaderSecretsSanitizingAutoConfiguration::isSecret);
	}

	// The env endpoint shows keys as their source spells them:
	// leader.zookeeper.auth.password,
	// LEADER_ZOOKEEPER_AUTH_PASSWORD or leader.zookeeper.tls.keyStore.password.
	static boolean isSecret(String key) {
		return SECRETS.contains(key.toLowerCase(Locale.ROOT).replace('_', '.').replace("-", ""));
	}

}
