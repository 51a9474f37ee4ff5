package dev.zkleader.gate;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link IllegalLeaderOnlyMethodException}.
 */
class IllegalLeaderOnlyMethodFailureAnalyzer extends AbstractFailureAnalyzer<IllegalLeaderOnlyMethodException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, IllegalLeaderOnlyMethodException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
