package dev.zkleader.election;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The one thread on which an election handles every change, in order, and publishes its
 * events. Latch and connection listeners are handed to it, so no change races another.
 */
final class ElectionThread implements Executor {

	private static final Log logger = LogFactory.getLog(ElectionThread.class);

	private final String election;

	// A new one for every start: an executor that was shut down cannot run again.
	private volatile @Nullable ScheduledExecutorService executor;

	private volatile @Nullable Thread thread;

	ElectionThread(String election) {
		this.election = election;
	}

	void start() {
		ScheduledExecutorService current = this.executor;
		if (current == null || current.isShutdown()) {
			this.executor = Executors.newSingleThreadScheduledExecutor(this::newThread);
		}
	}

	private Thread newThread(Runnable task) {
		Thread newThread = new Thread(task, "leader-election-" + this.election);
		newThread.setDaemon(true);
		this.thread = newThread;
		return newThread;
	}

	boolean isCurrent() {
		return Thread.currentThread() == this.thread;
	}

	@Override
	public void execute(Runnable task) {
		ScheduledExecutorService current = this.executor;
		if (current == null) {
			return;
		}
		try {
			current.execute(() -> runLogged(task));
		}
		catch (RejectedExecutionException ex) {
			// Shut down: the election has left.
		}
	}

	private void runLogged(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			logger.error("Leader election '" + this.election + "' failed to handle a change", ex);
		}
	}

	/**
	 * Runs the task on this thread and waits for it.
	 * @param <T> the result type
	 * @param task the task
	 * @param timeout how long to wait
	 * @return the task's result
	 */
	<T> T call(Callable<T> task, Duration timeout) {
		try {
			if (isCurrent()) {
				return task.call();
			}
			ScheduledExecutorService current = this.executor;
			if (current == null) {
				throw new IllegalStateException("Election '" + this.election + "' has not been started");
			}
			Future<T> result = current.submit(task);
			return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for election '" + this.election + "'", ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Election '" + this.election + "' did not respond within " + timeout
					+ "; is a leadership event listener blocking?", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Election '" + this.election + "' failed", ex.getCause());
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Election '" + this.election + "' failed", ex);
		}
	}

	void shutdown() {
		ScheduledExecutorService current = this.executor;
		if (current != null) {
			current.shutdown();
		}
	}

}
