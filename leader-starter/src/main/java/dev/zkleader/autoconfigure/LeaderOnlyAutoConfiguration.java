package dev.zkleader.autoconfigure;

import java.util.Set;
import java.util.TreeSet;

import dev.zkleader.LeaderElections;
import dev.zkleader.Leadership;
import dev.zkleader.gate.LeaderOnlyAdvisor;
import dev.zkleader.gate.LeaderOnlyObserver;
import dev.zkleader.gate.LeaderOnlyMethodCheck;
import dev.zkleader.gate.LeaderWorkPermits;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Auto-configuration of the {@link dev.zkleader.LeaderOnly} gate. Active even when leader
 * election is disabled, so that leader-only methods are then skipped rather than run on
 * every instance.
 */
@AutoConfiguration(after = LeaderAutoConfiguration.class)
@Import(LeaderOnlyAutoConfiguration.AutoProxyRegistrar.class)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
public final class LeaderOnlyAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static LeaderOnlyAdvisor leaderOnlyAdvisor(ObjectProvider<LeaderWorkPermits> permits,
			ObjectProvider<LeaderOnlyObserver> observer) {
		return new LeaderOnlyAdvisor(() -> permits.getIfAvailable(() -> LeaderWorkPermits.NONE),
				() -> observer.getIfAvailable(() -> LeaderOnlyObserver.NONE));
	}

	// Fails start-up for every @LeaderOnly method the proxy cannot intercept.
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static LeaderOnlyMethodCheck leaderOnlyMethodCheck() {
		return new LeaderOnlyMethodCheck();
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "leader.enabled", havingValue = false)
	@ConditionalOnMissingBean(Leadership.class)
	static DisabledLeadership disabledLeadership() {
		return new DisabledLeadership();
	}

	// With election off, a named election has nothing to gate on: say so rather than skip
	// its work in silence.
	@Bean
	@ConditionalOnBooleanProperty(name = "leader.enabled", havingValue = false)
	static SmartInitializingSingleton leaderOnlyNamedElectionsCheck(ObjectProvider<LeaderOnlyAdvisor> advisor,
			ObjectProvider<LeaderWorkPermits> permits) {
		return () -> {
			if (permits.getIfAvailable() != null) {
				return;
			}
			Set<String> named = new TreeSet<>();
			advisor.ifAvailable((available) -> named.addAll(available.declaredElections()));
			named.remove(LeaderElections.DEFAULT);
			if (!named.isEmpty()) {
				throw new InvalidConfigurationPropertyValueException("leader.enabled", false,
						"@LeaderOnly methods name the elections " + named + ", but leader election is disabled; "
								+ "set leader.enabled=true to run those elections, or remove the names from "
								+ "@LeaderOnly (unnamed @LeaderOnly methods are skipped while election is off)");
			}
		};
	}

	/**
	 * Makes sure an auto-proxy creator applies infrastructure advisors, even where AOP
	 * auto-configuration is off.
	 */
	static final class AutoProxyRegistrar implements ImportBeanDefinitionRegistrar {

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
		}

	}

}
