package dev.zkleader.autoconfigure;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zkleader.LeaderOnly;
import dev.zkleader.gate.IllegalLeaderOnlyMethodException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every {@code @LeaderOnly} method that the gate's proxy could not intercept fails
 * start-up with an analysis that names the method, says why and gives the fix; methods it
 * can intercept are left alone. Election is off, so a gated call is skipped.
 */
@ExtendWith(OutputCaptureExtension.class)
class UngatableLeaderOnlyMethodsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LeaderAutoConfiguration.class, LeaderOnlyAutoConfiguration.class))
		.withPropertyValues("leader.enabled=false");

	@Test
	void finalMethodFailsStartUp() {
		this.contextRunner.withBean("finalMethodWork", FinalMethodWork.class).run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("FinalMethodWork.report()")
				.contains("of bean 'finalMethodWork' cannot be gated: it is final")
				.contains("Every call would run on every instance");
			assertThat(analysis.getAction()).startsWith("Remove the final modifier from the method.")
				.contains("In Kotlin, declare the class and the function open")
				.contains("kotlin-spring plugin opens only classes annotated with @Component");
		});
	}

	@Test
	void finalMethodStopsTheApplicationWithTheAnalysis(CapturedOutput output) {
		SpringApplication application = new SpringApplication(FinalMethodApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setDefaultProperties(Map.of("leader.enabled", "false"));
		assertThatException().isThrownBy(application::run)
			.withRootCauseInstanceOf(IllegalLeaderOnlyMethodException.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("FinalMethodWork.report() of bean 'finalMethodWork' cannot be gated: it is final")
			.contains("Remove the final modifier from the method.");
	}

	@Test
	void finalMethodBehindAnInterfaceBasedProxyIsGated() {
		this.contextRunner.withBean("finalJob", FinalMethodJob.class).run((context) -> {
			assertThat(context).hasNotFailed();
			Job job = context.getBean(Job.class);
			assertThat(AopUtils.isJdkDynamicProxy(job)).isTrue();
			assertThat(job.work()).isNull();
			assertThat(FinalMethodJob.runs).hasValue(0);
		});
	}

	@Test
	void privateMethodFailsStartUp() {
		this.contextRunner.withBean("privateMethodWork", PrivateMethodWork.class).run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("private void")
				.contains("PrivateMethodWork.report()")
				.contains("it is private, and no proxy can intercept a private method");
			assertThat(analysis.getAction()).contains("Make the method public and call it through the bean");
		});
	}

	@Test
	void staticMethodFailsStartUp() {
		this.contextRunner.withBean("staticMethodWork", StaticMethodWork.class).run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("public static void")
				.contains("StaticMethodWork.report()")
				.contains("it is static, and no proxy can intercept a static method");
			assertThat(analysis.getAction()).startsWith("Make it an instance method");
		});
	}

	@Test
	void methodOfAFinalClassWithoutAnInterfaceFailsStartUp() {
		this.contextRunner.withBean("finalWork", FinalWork.class).run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("FinalWork.report() of bean 'finalWork' cannot be gated")
				.contains("is final, and gating it needs a class-based proxy")
				.contains("declared on no interface of the class");
			assertThat(analysis.getAction()).startsWith("Remove the final modifier from the class")
				.contains("In Kotlin, declare the class and the function open");
		});
	}

	@Test
	void methodOfAFinalClassFailsStartUpWhenClassesAreProxied() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
			.withBean("finalJob", FinalJob.class)
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("FinalJob.work() of bean 'finalJob' cannot be gated")
				.contains("class-based proxying is switched on (spring.aop.proxy-target-class=true)"));
	}

	@Test
	void methodOfAFinalClassIsGatedThroughItsInterface() {
		this.contextRunner.withBean("finalJob", FinalJob.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(Job.class).work()).isNull();
			assertThat(FinalJob.runs).hasValue(0);
		});
	}

	@Test
	void methodThatAnInterfaceBasedProxyDoesNotExposeFailsStartUp() {
		this.contextRunner.withBean("runnableWork", RunnableWork.class).run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("RunnableWork.report()")
				.contains("proxied through its interfaces (java.lang.Runnable), none of which declares the method");
			assertThat(analysis.getAction()).contains("Declare the method on an interface of the bean")
				.contains("spring.aop.proxy-target-class=true");
		});
	}

	@Test
	void methodOfAnAopInfrastructureBeanFailsStartUp() {
		this.contextRunner.withBean("infrastructureWork", InfrastructureWork.class).run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("InfrastructureWork.report()")
				.contains("the bean was not proxied with the @LeaderOnly advisor, because it is AOP infrastructure");
			assertThat(analysis.getAction()).isEqualTo("Move the @LeaderOnly method to an ordinary bean.");
		});
	}

	@Test
	void methodOfABeanThatAPostProcessorDependsOnFailsStartUp() {
		this.contextRunner.withUserConfiguration(EarlyWorkConfiguration.class).run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("EarlyWork.report() of bean 'earlyWork' cannot be gated")
				.contains("created before Spring's auto-proxy creator could apply the advisor")
				.contains("a BeanPostProcessor or BeanFactoryPostProcessor depends on it");
			assertThat(analysis.getAction()).contains("ObjectProvider or @Lazy");
		});
	}

	@Test
	void scopedProxiesAreGated() {
		this.contextRunner.withUserConfiguration(ScopedWorkConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ScopedWork work = context.getBean(ScopedWork.class);
			assertThat(work.report()).isNull();
			assertThat(ScopedWork.runs).hasValue(0);
		});
	}

	// So that a test can stand in a mock for a bean with @LeaderOnly methods: a mock
	// does not run the method's body anyway.
	@Test
	void readyMadeSingletonsAreLeftAlone() {
		this.contextRunner
			.withInitializer(
					(context) -> context.getBeanFactory().registerSingleton("readyMade", new FinalMethodWork()))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
			.isInstanceOf(IllegalLeaderOnlyMethodException.class);
		return RegisteredFailureAnalyzers.analyze(context.getStartupFailure());
	}

	interface Job {

		@Nullable String work();

	}

	static class FinalMethodWork {

		@LeaderOnly
		public final @Nullable String report() {
			return "ran";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(LeaderOnlyAutoConfiguration.class)
	static class FinalMethodApplication {

		@Bean
		FinalMethodWork finalMethodWork() {
			return new FinalMethodWork();
		}

	}

	static class FinalMethodJob implements Job {

		static final AtomicInteger runs = new AtomicInteger();

		@Override
		@LeaderOnly
		public final @Nullable String work() {
			runs.incrementAndGet();
			return "ran";
		}

	}

	static class PrivateMethodWork {

		public void run() {
			report();
		}

		@LeaderOnly
		private void report() {
		}

	}

	static class StaticMethodWork {

		@LeaderOnly
		public static void report() {
		}

	}

	static final class FinalWork {

		@LeaderOnly
		public void report() {
		}

	}

	static final class FinalJob implements Job {

		static final AtomicInteger runs = new AtomicInteger();

		@Override
		@LeaderOnly
		public @Nullable String work() {
			runs.incrementAndGet();
			return "ran";
		}

	}

	static class RunnableWork implements Runnable {

		@Override
		public void run() {
			report();
		}

		@LeaderOnly
		public void report() {
		}

	}

	static class InfrastructureWork implements AopInfrastructureBean {

		@LeaderOnly
		public void report() {
		}

	}

	static class EarlyWork {

		@LeaderOnly
		public void report() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EarlyWorkConfiguration {

		@Bean
		static EarlyWork earlyWork() {
			return new EarlyWork();
		}

		// Created before any bean post-processor, the auto-proxy creator included.
		@Bean
		static BeanFactoryPostProcessor earlyWorkUser(EarlyWork earlyWork) {
			return (beanFactory) -> {
			};
		}

	}

	static class ScopedWork {

		static final AtomicInteger runs = new AtomicInteger();

		@LeaderOnly
		public @Nullable String report() {
			runs.incrementAndGet();
			return "ran";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ScopedWorkConfiguration {

		@Bean
		@Scope(scopeName = "prototype", proxyMode = ScopedProxyMode.TARGET_CLASS)
		ScopedWork scopedWork() {
			return new ScopedWork();
		}

	}

}
