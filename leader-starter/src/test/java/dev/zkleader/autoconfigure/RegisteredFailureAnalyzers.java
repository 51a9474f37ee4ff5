package dev.zkleader.autoconfigure;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Analyzes a start-up failure the way Spring Boot does: with every analyzer registered in
 * {@code META-INF/spring.factories} (Spring Boot's and the starter's, so a missing
 * registration fails the test too), in their order, the first analysis winning.
 */
final class RegisteredFailureAnalyzers {

	private RegisteredFailureAnalyzers() {
	}

	/**
	 * Analyzes a failure without the failed context's environment: no origins.
	 * @param failure the start-up failure
	 * @return the analysis
	 */
	static FailureAnalysis analyze(Throwable failure) {
		return analyze(failure, new StandardEnvironment(), null);
	}

	/**
	 * Analyzes a failure with the failed context's environment and bean factory, as
	 * Spring Boot does, so that the analysis can say where a value was set.
	 * @param failure the start-up failure
	 * @param context the context that failed (captured by an initializer)
	 * @return the analysis
	 */
	static FailureAnalysis analyze(Throwable failure, ConfigurableApplicationContext context) {
		return analyze(failure, context.getEnvironment(), context.getBeanFactory());
	}

	private static FailureAnalysis analyze(Throwable failure, Environment environment,
			@Nullable BeanFactory beanFactory) {
		ArgumentResolver resolver = ArgumentResolver.of(Environment.class, environment);
		if (beanFactory != null) {
			resolver = resolver.and(BeanFactory.class, beanFactory);
		}
		// Without a bean factory, Spring Boot's analyzers that need one are left out.
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, resolver, FailureHandler.handleMessage((message, ex) -> {
			}));
		FailureAnalysis analysis = analyzers.stream()
			.map((analyzer) -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		return analysis;
	}

}
