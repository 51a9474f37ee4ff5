package dev.zkleader.benchmarks.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and memory of a process, read from Linux's {@code /proc}.
 */
public final class ProcFs {

	// USER_HZ: the unit of utime and stime in /proc/<pid>/stat; 100 on every Linux
	// architecture this runs on.
	private static final long MILLIS_PER_CLOCK_TICK = 10;

	private ProcFs() {
	}

	/**
	 * CPU time the process has used so far, all threads, user and system.
	 * @param pid the process
	 * @return milliseconds of CPU time (10 ms resolution)
	 */
	public static long cpuMillis(long pid) {
		String stat = read(Path.of("/proc", String.valueOf(pid), "stat"));
		// The command name (field 2) may contain spaces: count fields after its ')'.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		long utime = Long.parseLong(fields[11]);
		long stime = Long.parseLong(fields[12]);
		return (utime + stime) * MILLIS_PER_CLOCK_TICK;
	}

	/**
	 * A value in kB (or a count) from {@code /proc/<pid>/status}, such as {@code VmRSS},
	 * {@code VmHWM} or {@code Threads}.
	 * @param pid the process
	 * @param key the field
	 * @return its number
	 */
	public static long status(long pid, String key) {
		for (String line : read(Path.of("/proc", String.valueOf(pid), "status")).split("\n")) {
			if (line.startsWith(key + ":")) {
				return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
			}
		}
		throw new IllegalStateException("No " + key + " in /proc/" + pid + "/status");
	}

	public static long rssKb(long pid) {
		return status(pid, "VmRSS");
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
