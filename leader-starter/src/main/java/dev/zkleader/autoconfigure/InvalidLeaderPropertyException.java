package dev.zkleader.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A {@code leader.*} property has a value the starter cannot work with.
 */
class InvalidLeaderPropertyException extends RuntimeException {

	private final String property;

	private final @Nullable Object value;

	private final String problem;

	private final String fix;

	InvalidLeaderPropertyException(String property, @Nullable Object value, String problem, String fix) {
		super("Invalid value '" + value + "' for property '" + property + "': " + problem);
		this.property = property;
		this.value = value;
		this.problem = problem;
		this.fix = fix;
	}

	String getProperty() {
		return this.property;
	}

	@Nullable Object getValue() {
		return this.value;
	}

	String getProblem() {
		return this.problem;
	}

	String getFix() {
		return this.fix;
	}

}
