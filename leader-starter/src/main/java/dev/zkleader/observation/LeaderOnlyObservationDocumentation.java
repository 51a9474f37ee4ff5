package dev.zkleader.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations the starter makes, documented the way Micrometer's documentation
 * generator reads them.
 */
public enum LeaderOnlyObservationDocumentation implements ObservationDocumentation {

	/**
	 * One {@link dev.zkleader.LeaderOnly} call: run on the leader (timed from start to
	 * end, with the call's own observations and spans as children) or skipped elsewhere
	 * (an instant observation, so that skips can be counted).
	 */
	LEADER_ONLY_EXECUTION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultLeaderOnlyObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/**
	 * Tags of the metrics and spans alike: few values each.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * The election that decided the call: {@code default} or the name given in
		 * {@code @LeaderOnly("name")}.
		 */
		ELECTION {
			@Override
			public String asString() {
				return "election";
			}
		},

		/**
		 * {@code executed} when this instance led and the call ran, {@code skipped}
		 * otherwise (the same values as the {@code leader.only.invocations} counter).
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/**
		 * The simple class name of what an executed call threw, or {@code none}.
		 */
		EXCEPTION {
			@Override
			public String asString() {
				return "exception";
			}
		}

	}

	/**
	 * Tags of the spans only.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/**
		 * The class of the bean whose method was called.
		 */
		CODE_NAMESPACE {
			@Override
			public String asString() {
				return "code.namespace";
			}
		},

		/**
		 * The name of the method called.
		 */
		CODE_FUNCTION {
			@Override
			public String asString() {
				return "code.function";
			}
		}

	}

}
