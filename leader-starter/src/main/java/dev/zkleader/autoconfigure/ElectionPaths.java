package dev.zkleader.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.zkleader.LeaderElections;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * Where each election lives in ZooKeeper, and the rule that no two elections nest.
 * <p>
 * The default election lives at {@code leader.path}, by default
 * {@code /leader-election/${spring.application.name}}. A named election lives at its
 * {@code leader.elections.<name>.path}, by default at {@code <leader.path>.<name>}: a
 * sibling of the default election's path, never inside it. (A path inside another
 * election's path would put its parent node among that election's latch nodes, and
 * Curator's latch, which sorts them by the text after {@code latch-}, could then never
 * elect a leader there.) Two elections whose paths are equal or lie one inside the other
 * fail start-up.
 */
final class ElectionPaths {

	private static final String DEFAULT_ROOT = "/leader-election/";

	private final Placed defaultElection;

	private final List<Placed> configured;

	private ElectionPaths(Placed defaultElection, List<Placed> configured) {
		this.defaultElection = defaultElection;
		this.configured = configured;
	}

	/**
	 * Places the default election and every configured named one, and checks that no two
	 * of them nest.
	 * @param properties the bound properties
	 * @param environment where {@code spring.application.name} is read
	 * @return the paths
	 * @throws InvalidConfigurationPropertyValueException if the default path made of the
	 * application name is invalid, or two paths are equal or nest
	 */
	static ElectionPaths of(LeaderProperties properties, Environment environment) {
		Placed defaultElection = placeDefault(properties.getPath(), environment);
		List<Placed> placed = new ArrayList<>(List.of(defaultElection));
		for (Map.Entry<String, LeaderProperties.ElectionProperties> election : properties.getElections().entrySet()) {
			String path = election.getValue().getPath();
			placed.add((path != null) ? new Placed(election.getKey(), path, true)
					: new Placed(election.getKey(), namedDefault(defaultElection.path, election.getKey()), false));
		}
		for (int i = 0; i < placed.size(); i++) {
			for (int j = i + 1; j < placed.size(); j++) {
				checkApart(placed.get(i), placed.get(j));
			}
		}
		return new ElectionPaths(defaultElection, List.copyOf(placed));
	}

	private static Placed placeDefault(@Nullable String path, Environment environment) {
		if (path != null) {
			return new Placed(LeaderElections.DEFAULT, path, true);
		}
		String name = environment.getProperty("spring.application.name", LeaderElections.DEFAULT);
		String derived = DEFAULT_ROOT + name;
		String problem = LeaderPropertiesValidator.electionPathProblem(derived);
		if (problem != null) {
			throw new InvalidConfigurationPropertyValueException("spring.application.name", name,
					LeaderPropertiesValidator.reason(
							"it makes the default election path " + derived + ", and " + problem,
							"set leader.path to an absolute ZooKeeper path such as /leader-election/my-service, "
									+ "or give the application a name that is a valid path segment"));
		}
		return new Placed(LeaderElections.DEFAULT, derived, false);
	}

	/**
	 * The default path of a named election: a sibling of the default election's path.
	 * @param defaultElectionPath the default election's path
	 * @param name the named election
	 * @return {@code <defaultElectionPath>.<name>}
	 */
	static String namedDefault(String defaultElectionPath, String name) {
		return defaultElectionPath + "." + name;
	}

	/**
	 * The path of an election: the default one, a configured one, or one named only by
	 * {@code @LeaderOnly} or {@link LeaderElections#get(String)}, which gets the default
	 * path of a named election and must not nest with a configured path either.
	 * @param election the election's name
	 * @return its path
	 */
	String path(String election) {
		for (Placed placed : this.configured) {
			if (placed.election.equals(election)) {
				return placed.path;
			}
		}
		Placed unconfigured = new Placed(election, namedDefault(this.defaultElection.path, election), false);
		this.configured.forEach((placed) -> checkApart(placed, unconfigured));
		return unconfigured.path;
	}

	// Reports the explicitly set path of the two (at least one is: default paths never
	// nest), preferring a named election's.
	private static void checkApart(Placed first, Placed second) {
		boolean equal = first.path.equals(second.path);
		boolean nested = first.path.startsWith(second.path + "/") || second.path.startsWith(first.path + "/");
		if (!equal && !nested) {
			return;
		}
		Placed reported = (second.explicit) ? second : first;
		Placed other = (reported == second) ? first : second;
		String relation = equal ? "is also the path of" : (reported.path.startsWith(other.path + "/")
				? "lies inside the path " + other.path + " of" : "contains the path " + other.path + " of");
		throw new InvalidConfigurationPropertyValueException(reported.property(), reported.path,
				LeaderPropertiesValidator.reason(
						"it " + relation + " " + other.describe()
								+ "; elections must not share or nest their paths, or their latch nodes get mixed up",
						"give each election a path of its own, outside the others, such as the default of a named "
								+ "election, <leader.path>.<name>"));
	}

	private record Placed(String election, String path, boolean explicit) {

		String property() {
			return LeaderElections.DEFAULT.equals(this.election) ? "leader.path"
					: "leader.elections." + this.election + ".path";
		}

		String describe() {
			if (LeaderElections.DEFAULT.equals(this.election)) {
				return "the default election ("
						+ (this.explicit ? "leader.path)" : "its default path: leader.path is not set)");
			}
			return "the election '" + this.election + "' ("
					+ (this.explicit ? property() + ")" : "its default path: " + property() + " is not set)");
		}

	}

}
