package dev.zkleader;

import java.util.Set;

/**
 * All elections this instance takes part in: the default one and every named one
 * ({@code @LeaderOnly("reports")}, {@code leader.elections.reports.*}).
 */
public interface LeaderElections {

	/**
	 * The name of the default election.
	 */
	String DEFAULT = "default";

	/**
	 * Whether a name may name an election: 1 to 64 lowercase letters, digits and inner
	 * dashes, so that it reads the same in a property name, an environment variable and a
	 * ZooKeeper path.
	 * @param name the candidate name
	 * @return {@code true} if it is valid
	 */
	static boolean isValidName(String name) {
		return name.matches("[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?");
	}

	/**
	 * This instance's view of one election, joining it first if needed.
	 * @param name the election name: lowercase letters, digits and dashes
	 * @return the election's leadership view
	 * @throws IllegalArgumentException if the name is not a valid election name
	 */
	Leadership get(String name);

	/**
	 * The names of the elections this instance takes part in.
	 * @return the names
	 */
	Set<String> names();

}
