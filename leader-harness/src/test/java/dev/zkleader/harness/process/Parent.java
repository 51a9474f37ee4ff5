package dev.zkleader.harness.process;

import java.nio.file.Path;
import java.util.List;

/**
 * A child process for the tests that starts a {@link Ticker} of its own, lists it in the
 * PID file given as its argument, prints {@code ready}, and waits to be ended.
 */
public final class Parent {

	private Parent() {
	}

	public static void main(String[] args) throws Exception {
		Path pidFile = Path.of(args[0]);
		ChildProcesses children = new ChildProcesses(pidFile);
		children.start("grandchild",
				Jvm.command(List.of("-Xmx32m"), Jvm.classpath(), Ticker.class.getName(), List.of()),
				Output.toFile(pidFile.resolveSibling("grandchild.log")));
		System.out.println("ready");
		System.out.flush();
		Thread.sleep(Long.MAX_VALUE);
	}

}
