package dev.zkleader.benchmarks.footprint.plain;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The sample application's shape (web server, actuator, a scheduled job every second)
 * without the starter: the job runs everywhere, ungated.
 */
@SpringBootApplication
@EnableScheduling
public class PlainApplication {

	public static void main(String[] args) {
		SpringApplication.run(PlainApplication.class, args);
	}

	@Component
	static class Job {

		private static final Log logger = LogFactory.getLog(Job.class);

		private final AtomicLong runs = new AtomicLong();

		@Scheduled(fixedRate = 1000)
		void run() {
			logger.info("Job run #" + this.runs.incrementAndGet());
		}

	}

}
