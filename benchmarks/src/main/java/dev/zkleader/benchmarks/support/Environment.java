package dev.zkleader.benchmarks.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.zookeeper.Version;

import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;

/**
 * What a result depends on: the machine, the JDK and the versions of everything measured.
 */
public final class Environment {

	private Environment() {
	}

	public static Map<String, String> machine() {
		Map<String, String> machine = new LinkedHashMap<>();
		machine.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
		machine.put("Memory", memory());
		machine.put("OS", osName() + ", Linux " + read("/proc/sys/kernel/osrelease"));
		machine.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		machine.put("Load average (1/5/15 min) at start", loadAverage());
		return machine;
	}

	public static Map<String, String> versions() {
		Map<String, String> versions = new LinkedHashMap<>();
		versions.put("Spring Boot", String.valueOf(SpringBootVersion.getVersion()));
		versions.put("Spring Framework", String.valueOf(SpringVersion.getVersion()));
		versions.put("Apache Curator", jarVersion("curator-recipes"));
		versions.put("Apache ZooKeeper (client and server)", Version.getFullVersion());
		versions.put("Spring Integration ZooKeeper", jarVersion("spring-integration-zookeeper"));
		versions.put("JMH", jarVersion("jmh-core"));
		return versions;
	}

	public static String loadAverage() {
		String[] parts = read("/proc/loadavg").split(" ");
		return (parts.length >= 3) ? parts[0] + " / " + parts[1] + " / " + parts[2] : "unknown";
	}

	private static String cpuModel() {
		for (String line : read("/proc/cpuinfo").split("\n")) {
			if (line.startsWith("model name")) {
				return line.substring(line.indexOf(':') + 1).trim();
			}
		}
		return "unknown CPU";
	}

	private static String memory() {
		for (String line : read("/proc/meminfo").split("\n")) {
			if (line.startsWith("MemTotal:")) {
				long kb = Long.parseLong(line.replaceAll("\\D", ""));
				return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
			}
		}
		return "unknown";
	}

	private static String osName() {
		for (String line : read("/etc/os-release").split("\n")) {
			if (line.startsWith("PRETTY_NAME=")) {
				return line.substring("PRETTY_NAME=".length()).replace("\"", "");
			}
		}
		return "unknown OS";
	}

	private static String jarVersion(String artifactId) {
		Pattern pattern = Pattern.compile(Pattern.quote(artifactId) + "-(\\d[^/]*?)\\.jar$");
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			Matcher matcher = pattern.matcher(entry);
			if (matcher.find()) {
				return matcher.group(1);
			}
		}
		return "unknown";
	}

	private static String read(String file) {
		try {
			return Files.readString(Path.of(file)).trim();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
