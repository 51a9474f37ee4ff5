package dev.zkleader.fault.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Talks to the harness: the fenced register (synchronous, the answer matters) and reports
 * (asynchronous, so that the election's own thread never waits on the harness). Plain
 * HTTP over loopback, which the nemesis never cuts: a deposed leader must still be able
 * to reach the register, or fencing would have nothing to refuse.
 */
public class RegisterClient implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(RegisterClient.class);

	private static final int TIMEOUT_MILLIS = 10_000;

	private final String url;

	private final ExecutorService reports = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "fault-reports");
		thread.setDaemon(true);
		return thread;
	});

	RegisterClient(String url) {
		this.url = url;
	}

	/**
	 * Writes one result into the fenced register.
	 * @param fields the write (participant, token, start, end, ...)
	 * @return {@code true} if the register accepted it, {@code false} if it refused the
	 * token or could not be reached
	 */
	boolean write(Map<String, Object> fields) {
		try {
			return post("/write", fields) == HttpURLConnection.HTTP_OK;
		}
		catch (IOException ex) {
			logger.warn("Could not reach the fenced register: " + ex);
			return false;
		}
	}

	void report(String path, Map<String, Object> fields) {
		this.reports.execute(() -> {
			try {
				post(path, fields);
			}
			catch (IOException ex) {
				logger.warn("Could not report to the harness: " + ex);
			}
		});
	}

	private int post(String path, Map<String, Object> fields) throws IOException {
		String body = fields.entrySet()
			.stream()
			.map((field) -> field.getKey() + "="
					+ URLEncoder.encode(String.valueOf(field.getValue()), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpURLConnection connection = (HttpURLConnection) URI.create(this.url + path).toURL().openConnection();
		try {
			connection.setConnectTimeout(TIMEOUT_MILLIS);
			connection.setReadTimeout(TIMEOUT_MILLIS);
			connection.setRequestMethod("POST");
			connection.setDoOutput(true);
			connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
			try (OutputStream out = connection.getOutputStream()) {
				out.write(body.getBytes(StandardCharsets.UTF_8));
			}
			int status = connection.getResponseCode();
			try (InputStream in = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
				if (in != null) {
					in.readAllBytes();
				}
			}
			return status;
		}
		finally {
			connection.disconnect();
		}
	}

	@Override
	public void close() {
		this.reports.shutdownNow();
	}

}
