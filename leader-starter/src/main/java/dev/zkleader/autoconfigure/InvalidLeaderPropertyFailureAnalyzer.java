package dev.zkleader.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;

/**
 * Explains an {@link InvalidLeaderPropertyException}: the property, its value and where
 * it was set, what is wrong and how to fix it.
 */
class InvalidLeaderPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidLeaderPropertyException> {

	private final @Nullable Environment environment;

	InvalidLeaderPropertyFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidLeaderPropertyException cause) {
		Origin origin = findOrigin(cause.getProperty());
		String from = (origin != null) ? " (set in " + origin + ")" : "";
		return new FailureAnalysis("Invalid value '" + cause.getValue() + "' for property '" + cause.getProperty() + "'"
				+ from + ": " + cause.getProblem() + ".", "Fix '" + cause.getProperty() + "': " + cause.getFix(),
				cause);
	}

	private @Nullable Origin findOrigin(String property) {
		if (this.environment == null || !ConfigurationPropertyName.isValid(property)) {
			return null;
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty found = source.getConfigurationProperty(name);
			if (found != null) {
				return found.getOrigin();
			}
		}
		return null;
	}

}
