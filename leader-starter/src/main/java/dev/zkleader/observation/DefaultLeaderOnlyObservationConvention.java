package dev.zkleader.observation;

import dev.zkleader.observation.LeaderOnlyObservationDocumentation.HighCardinalityKeyNames;
import dev.zkleader.observation.LeaderOnlyObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default {@link LeaderOnlyObservationConvention}: the observation
 * {@code leader.only.execution}, contextual name {@code leader-only <method>}, low
 * cardinality keys {@code election}, {@code outcome} ({@code executed} or
 * {@code skipped}) and {@code exception}, high cardinality keys {@code code.namespace}
 * and {@code code.function}.
 */
public class DefaultLeaderOnlyObservationConvention implements LeaderOnlyObservationConvention {

	/**
	 * The name of the observation, and so of its timer.
	 */
	public static final String NAME = "leader.only.execution";

	private static final KeyValue EXECUTED = KeyValue.of(LowCardinalityKeyNames.OUTCOME, "executed");

	private static final KeyValue SKIPPED = KeyValue.of(LowCardinalityKeyNames.OUTCOME, "skipped");

	private static final KeyValue NO_EXCEPTION = KeyValue.of(LowCardinalityKeyNames.EXCEPTION, "none");

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(LeaderOnlyObservationContext context) {
		return "leader-only " + context.getMethod().getName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(LeaderOnlyObservationContext context) {
		return KeyValues.of(KeyValue.of(LowCardinalityKeyNames.ELECTION, context.getElection()),
				context.isSkipped() ? SKIPPED : EXECUTED, exception(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(LeaderOnlyObservationContext context) {
		return KeyValues.of(KeyValue.of(HighCardinalityKeyNames.CODE_NAMESPACE, context.getTargetClass().getName()),
				KeyValue.of(HighCardinalityKeyNames.CODE_FUNCTION, context.getMethod().getName()));
	}

	private static KeyValue exception(LeaderOnlyObservationContext context) {
		Throwable error = context.getError();
		if (error == null) {
			return NO_EXCEPTION;
		}
		String name = error.getClass().getSimpleName();
		return KeyValue.of(LowCardinalityKeyNames.EXCEPTION, name.isEmpty() ? error.getClass().getName() : name);
	}

}
