package dev.zkleader.fault.app;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * One instance of the replicated service that the fault suite starts, several times, as
 * separate JVMs. Settings come from {@code application.properties} and the command line
 * the harness builds.
 */
@SpringBootApplication
@EnableScheduling
public class FaultTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(FaultTestApplication.class, args);
	}

	@Bean(destroyMethod = "close")
	RegisterClient registerClient(@Value("${fault.register-url}") String url) {
		return new RegisterClient(url);
	}

}
