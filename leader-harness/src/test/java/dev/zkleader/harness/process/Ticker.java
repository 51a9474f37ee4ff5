package dev.zkleader.harness.process;

/**
 * A child process for the tests: prints {@code tick N} every 20 ms until it is ended.
 */
public final class Ticker {

	private Ticker() {
	}

	public static void main(String[] args) throws InterruptedException {
		for (long tick = 0;; tick++) {
			System.out.println("tick " + tick);
			System.out.flush();
			Thread.sleep(20);
		}
	}

}
