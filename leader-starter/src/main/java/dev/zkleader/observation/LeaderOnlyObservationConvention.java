package dev.zkleader.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code leader.only.execution} observations. Define a bean of this
 * type to replace {@link DefaultLeaderOnlyObservationConvention}, or extend that class to
 * add key values.
 */
public interface LeaderOnlyObservationConvention extends ObservationConvention<LeaderOnlyObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof LeaderOnlyObservationContext;
	}

}
