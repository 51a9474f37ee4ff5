package dev.zkleader.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;

/**
 * Ends the JVM this instance runs in.
 */
class JvmTerminator implements Terminator {

	private final ApplicationContext context;

	JvmTerminator(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void crash() {
		Runtime.getRuntime().halt(137);
	}

	// Off the scheduler thread: closing the context waits for running scheduled tasks,
	// this one included.
	@Override
	public void exit() {
		Thread exit = new Thread(() -> System.exit(SpringApplication.exit(this.context)), "sample-exit");
		exit.start();
	}

}
