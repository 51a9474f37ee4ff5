package dev.zkleader.election;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.zkleader.LeaderOnly;
import dev.zkleader.LeadershipEvent;
import dev.zkleader.LeadershipRevokedEvent;
import dev.zkleader.autoconfigure.LeaderAutoConfiguration;
import dev.zkleader.autoconfigure.LeaderOnlyAutoConfiguration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * An instance in a JVM of its own, for tests that freeze it with SIGSTOP: a leader-only
 * job every 10 ms, and a journal of each run and leadership change, one line each, with
 * the wall-clock time it happened.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ImportAutoConfiguration({ AopAutoConfiguration.class, LeaderAutoConfiguration.class,
		LeaderOnlyAutoConfiguration.class })
public class FrozenLeaderApplication {

	public static void main(String[] args) {
		new SpringApplicationBuilder(FrozenLeaderApplication.class).web(WebApplicationType.NONE).run(args);
	}

	@Bean
	Journal journal(@Value("${journal}") Path file) {
		return new Journal(file);
	}

	/**
	 * Appends what happened to a file.
	 */
	public static class Journal {

		private final Path file;

		Journal(Path file) {
			this.file = file;
		}

		// The time is taken as the run starts, before anything could freeze it.
		@Scheduled(fixedDelay = 10)
		@LeaderOnly
		public void run() {
			write("run " + System.currentTimeMillis());
		}

		@EventListener
		void on(LeadershipEvent event) {
			String change = (event instanceof LeadershipRevokedEvent revoked) ? "revoked " + revoked.getReason()
					: "granted";
			write(change + " " + event.getTime().toEpochMilli());
		}

		private synchronized void write(String line) {
			try {
				Files.writeString(this.file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
