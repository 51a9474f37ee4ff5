package dev.zkleader.benchmarks.support;

import java.nio.file.Path;

/**
 * The Java launcher and class path of this JVM, reused for the processes it starts.
 */
public final class Java {

	private Java() {
	}

	public static String executable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	public static String classpath() {
		return System.getProperty("java.class.path");
	}

}
