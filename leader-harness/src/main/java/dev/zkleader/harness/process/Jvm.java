package dev.zkleader.harness.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines of child JVMs, run with the same Java as this one.
 */
public final class Jvm {

	private Jvm() {
	}

	/**
	 * The {@code java} launcher of this JVM.
	 * @return its path
	 */
	public static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * This JVM's class path (under Surefire, the test class path).
	 * @return the class path
	 */
	public static String classpath() {
		return System.getProperty("java.class.path");
	}

	/**
	 * A command line that runs a main class.
	 * @param options JVM options, such as {@code -Xmx256m}
	 * @param classpath the class path
	 * @param mainClass the main class
	 * @param arguments the program's arguments
	 * @return the command
	 */
	public static List<String> command(List<String> options, String classpath, String mainClass,
			List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(java());
		command.addAll(options);
		command.addAll(List.of("-cp", classpath, mainClass));
		command.addAll(arguments);
		return command;
	}

}
