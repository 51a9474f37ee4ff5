package dev.zkleader.autoconfigure;

import java.util.List;
import java.util.Objects;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Analyzes a start-up failure the way Spring Boot does: with the analyzers registered in
 * {@code META-INF/spring.factories}, so a missing registration fails the test too.
 */
final class RegisteredFailureAnalyzers {

	private RegisteredFailureAnalyzers() {
	}

	static FailureAnalysis analyze(Throwable failure) {
		ArgumentResolver resolver = ArgumentResolver.of(Environment.class, new StandardEnvironment());
		// Spring Boot's own analyzers want a bean factory; only ours matter here.
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, resolver, FailureHandler.handleMessage((message, ex) -> {
			}));
		FailureAnalysis analysis = analyzers.stream()
			.filter((analyzer) -> analyzer.getClass().getPackageName().startsWith("dev.zkleader"))
			.map((analyzer) -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		return analysis;
	}

}
