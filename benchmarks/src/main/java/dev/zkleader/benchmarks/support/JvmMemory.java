package dev.zkleader.benchmarks.support;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.zkleader.harness.process.ShortCommand;

/**
 * The memory of one of our JVMs after a full collection: {@code jcmd <pid> GC.run} (what
 * {@code System.gc()} does), then the heap and metaspace in use from {@code jstat}, and
 * the resident set size and thread count from {@code /proc}.
 *
 * @param heapUsedKb heap in use after the collection (all generations)
 * @param metaspaceUsedKb metaspace in use
 * @param loadedClasses classes loaded so far
 * @param rssKb resident set size of the process
 * @param threads threads of the process
 */
public record JvmMemory(long heapUsedKb, long metaspaceUsedKb, long loadedClasses, long rssKb, long threads) {

	private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

	public static JvmMemory afterFullGc(long pid) throws IOException {
		String id = String.valueOf(pid);
		ShortCommand.run(List.of(ShortCommand.jdkTool("jcmd"), id, "GC.run"), TOOL_TIMEOUT);
		Map<String, Double> gc = columns(
				ShortCommand.run(List.of(ShortCommand.jdkTool("jstat"), "-gc", id), TOOL_TIMEOUT));
		Map<String, Double> classes = columns(
				ShortCommand.run(List.of(ShortCommand.jdkTool("jstat"), "-class", id), TOOL_TIMEOUT));
		long heap = Math.round(gc.get("S0U") + gc.get("S1U") + gc.get("EU") + gc.get("OU"));
		return new JvmMemory(heap, Math.round(gc.get("MU")), Math.round(classes.get("Loaded")), ProcFs.rssKb(pid),
				ProcFs.status(pid, "Threads"));
	}

	// jstat prints a header line and a line of values.
	private static Map<String, Double> columns(String output) {
		String[] lines = output.strip().split("\n");
		String[] names = lines[lines.length - 2].trim().split("\\s+");
		String[] values = lines[lines.length - 1].trim().split("\\s+");
		Map<String, Double> columns = new HashMap<>();
		for (int i = 0; i < names.length && i < values.length; i++) {
			try {
				columns.put(names[i], Double.parseDouble(values[i]));
			}
			catch (NumberFormatException ex) {
				// A column without a value ("-"): not one we read.
			}
		}
		return columns;
	}

}
