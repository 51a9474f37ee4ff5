package dev.zkleader.gate;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link IllegalLeaderOnlyMethodException}.
 */
class IllegalLeaderOnlyMethodFailureAnalyzer extends AbstractFailureAnalyzer<IllegalLeaderOnlyMethodException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, IllegalLeaderOnlyMethodException cause) {
		String type = cause.getMethod().getReturnType().getName();
		return new FailureAnalysis(
				cause.getMessage() + ". On an instance that does not lead the call is skipped, " + "and a primitive "
						+ type + " cannot be skipped.",
				"Declare the method void, or return a wrapper type (" + wrapperName(type)
						+ ") or an Optional: skipped calls return null or Optional.empty().",
				cause);
	}

	private static String wrapperName(String primitive) {
		return switch (primitive) {
			case "int" -> "Integer";
			case "char" -> "Character";
			default -> Character.toUpperCase(primitive.charAt(0)) + primitive.substring(1);
		};
	}

}
