package dev.zkleader.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import dev.zkleader.LeaderOnly;
import dev.zkleader.gate.IllegalLeaderOnlyMethodException;
import dev.zkleader.gate.LeaderWorkPermits;
import dev.zkleader.gate.LeaderWorkRun;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate's auto-configuration, without ZooKeeper: election disabled, so every
 * leader-only call is skipped.
 */
class LeaderOnlyAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LeaderAutoConfiguration.class, LeaderOnlyAutoConfiguration.class))
		.withPropertyValues("leader.enabled=false");

	@Test
	void proxiesLeaderOnlyBeansWithoutAopAutoConfiguration() {
		this.contextRunner.withUserConfiguration(WorkConfiguration.class).run((context) -> {
			Work work = context.getBean(Work.class);
			assertThat(AopUtils.isAopProxy(work)).isTrue();
			assertThat(work.run()).isNull();
			assertThat(work.runs()).isZero();
			assertThat(work.unguarded()).isEqualTo("ran");
		});
	}

	@Test
	void rejectsLeaderOnlyMethodsWithAPrimitiveReturnType() {
		this.contextRunner.withUserConfiguration(PrimitiveWorkConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().isInstanceOf(IllegalLeaderOnlyMethodException.class);
			FailureAnalysis analysis = RegisteredFailureAnalyzers.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("count()").contains("primitive type long");
			assertThat(analysis.getAction()).contains("void").contains("Long").contains("Optional");
		});
	}

	@Test
	void rejectsLeaderOnlyMethodsThatNameAnInvalidElection() {
		this.contextRunner.withUserConfiguration(BadlyNamedWorkConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = RegisteredFailureAnalyzers.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("@LeaderOnly(\"Monthly Reports\")").contains("report()");
			assertThat(analysis.getAction()).contains("lowercase letters").contains("leader.elections.<name>");
		});
	}

	@Test
	void unnamedLeaderOnlyMethodsAreSimplySkippedWhileElectionIsDisabled() {
		this.contextRunner.withUserConfiguration(WorkConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			Work work = context.getBean(Work.class);
			for (int call = 0; call < 3; call++) {
				assertThat(work.run()).as("skipped call returns null").isNull();
			}
			assertThat(work.runs()).as("runs of the method body").isZero();
		});
	}

	@Test
	void eachImplementationOfAnInterfaceMethodGatesOnItsOwnElection() {
		this.contextRunner.withUserConfiguration(TwoJobsConfiguration.class).run((context) -> {
			Job reports = context.getBean("reportsJob", Job.class);
			Job billing = context.getBean("billingJob", Job.class);
			assertThat(AopUtils.isJdkDynamicProxy(reports)).as("interface-based proxy").isTrue();
			reports.work();
			billing.work();
			reports.work();
			assertThat(context.getBean(RecordingPermits.class).events).containsExactly("begin reports", "begin billing",
					"begin reports");
		});
	}

	@Test
	void leaderOnlyWrapsTransactionalSoTheRunEndsOnlyAfterTheCommit() {
		this.contextRunner.withUserConfiguration(TransactionalWorkConfiguration.class).run((context) -> {
			RecordingPermits permits = context.getBean(RecordingPermits.class);
			permits.lead = true;
			context.getBean(TransactionalWork.class).write();
			assertThat(permits.events).containsExactly("begin default", "body in transaction", "commit", "end default");
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM work", Integer.class))
				.isOne();
		});
	}

	static class BadlyNamedWork {

		@LeaderOnly("Monthly Reports")
		public void report() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadlyNamedWorkConfiguration {

		@Bean
		BadlyNamedWork badlyNamedWork() {
			return new BadlyNamedWork();
		}

	}

	static class Work {

		private int runs;

		@LeaderOnly
		public @Nullable String run() {
			this.runs++;
			return "ran";
		}

		public int runs() {
			return this.runs;
		}

		public String unguarded() {
			return "ran";
		}

	}

	static class PrimitiveWork {

		@LeaderOnly
		public long count() {
			return 1;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WorkConfiguration {

		@Bean
		Work work() {
			return new Work();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrimitiveWorkConfiguration {

		@Bean
		PrimitiveWork primitiveWork() {
			return new PrimitiveWork();
		}

	}

	interface Job {

		@Nullable String work();

	}

	static class ReportsJob implements Job {

		@Override
		@LeaderOnly("reports")
		public @Nullable String work() {
			return "reports";
		}

	}

	static class BillingJob implements Job {

		@Override
		@LeaderOnly("billing")
		public @Nullable String work() {
			return "billing";
		}

	}

	/**
	 * Permits that record what the gate asks and, once told to lead, every run's end.
	 */
	static class RecordingPermits implements LeaderWorkPermits {

		final List<String> events = new CopyOnWriteArrayList<>();

		volatile boolean lead;

		@Override
		public @Nullable LeaderWorkRun begin(String election) {
			this.events.add("begin " + election);
			if (!this.lead) {
				return null;
			}
			return new LeaderWorkRun() {

				@Override
				public String election() {
					return election;
				}

				@Override
				public long token() {
					return 42;
				}

				@Override
				public boolean stillLeading() {
					return true;
				}

				@Override
				public void end() {
					RecordingPermits.this.events.add("end " + election);
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoJobsConfiguration {

		@Bean
		RecordingPermits recordingPermits() {
			return new RecordingPermits();
		}

		@Bean
		ReportsJob reportsJob() {
			return new ReportsJob();
		}

		@Bean
		BillingJob billingJob() {
			return new BillingJob();
		}

	}

	static class TransactionalWork {

		private final JdbcTemplate jdbc;

		private final RecordingPermits permits;

		TransactionalWork(JdbcTemplate jdbc, RecordingPermits permits) {
			this.jdbc = jdbc;
			this.permits = permits;
		}

		@LeaderOnly
		@Transactional
		public void write() {
			this.jdbc.update("INSERT INTO work (id) VALUES (1)");
			this.permits.events.add(TransactionSynchronizationManager.isActualTransactionActive()
					? "body in transaction" : "body without transaction");
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					TransactionalWork.this.permits.events.add("commit");
				}

			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	static class TransactionalWorkConfiguration {

		// One connection, kept open until the context closes, holds the in-memory
		// database.
		@Bean(destroyMethod = "destroy")
		SingleConnectionDataSource dataSource() {
			return new SingleConnectionDataSource("jdbc:h2:mem:leader-only-order", "sa", "", true);
		}

		@Bean
		DataSourceTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

		@Bean
		JdbcTemplate jdbcTemplate(DataSource dataSource) {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			jdbc.execute("CREATE TABLE work (id INT PRIMARY KEY)");
			return jdbc;
		}

		@Bean
		RecordingPermits recordingPermits() {
			return new RecordingPermits();
		}

		@Bean
		TransactionalWork transactionalWork(JdbcTemplate jdbc, RecordingPermits permits) {
			return new TransactionalWork(jdbc, permits);
		}

	}

}
