package dev.trainyard.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import dev.trainyard.promotion.Approvals;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;
import dev.trainyard.registry.VersionState;
import dev.trainyard.support.KilledRuns;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Random interleavings of launch, stop, restart, resume, approve, reject, expire and a
 * {@code kill -9} (a run left as a killed process leaves it) from several threads at
 * once, in the server, checking all the time that no run has two executions at once and
 * at the end that every run ended or can be continued to its end, that no run changed the
 * champion twice and that nothing is left held.
 */
@TrainyardTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "trainyard.scheduling.enabled=false", "trainyard.runs.heartbeat-interval=500ms" })
class LifecycleSoakTests {

	private static final Logger log = LoggerFactory.getLogger(LifecycleSoakTests.class);

	private static final List<String> PIPELINES = List.of("soak-auto", "soak-manual", "soak-expiring");

	private static final Duration SOAK = Duration.ofSeconds(40);

	@Autowired
	Runs runs;

	@Autowired
	Approvals approvals;

	@Autowired
	ModelRegistry registry;

	@Autowired
	ActiveRuns active;

	@Autowired
	DeadRuns deadRuns;

	@Autowired
	RunOwnership ownership;

	@Autowired
	RunRepository repository;

	@Autowired
	JdbcTemplate jdbc;

	private final Random random = new Random(20261201);

	private final List<String> violations = new CopyOnWriteArrayList<>();

	private final Map<String, Integer> done = new ConcurrentHashMap<>();

	@Test
	void randomInterleavingsKeepEveryRunConsistent() throws Exception {
		writePipelines();
		AtomicBoolean soaking = new AtomicBoolean(true);
		ExecutorService workers = Executors.newFixedThreadPool(4);
		for (int i = 0; i < 3; i++) {
			long seed = this.random.nextLong();
			workers.submit(() -> act(new Random(seed), soaking));
		}
		workers.submit(() -> watch(soaking));
		Thread.sleep(SOAK.toMillis()); // the soak's length: it acts the whole time,
										// nothing is waited for
		soaking.set(false);
		workers.shutdown();
		assertThat(workers.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
		log.info("Soak actions done: {}", this.done);

		drain();

		assertThat(this.violations).isEmpty();
		assertThat(this.done.getOrDefault("launch", 0)).isGreaterThan(5);
		List<RunView> all = this.runs.list(null, null, 500);
		assertThat(all).allSatisfy(
				(run) -> assertThat(run.status()).as(run.runId()).isIn(RunStatus.COMPLETED, RunStatus.ABANDONED));
		assertThat(this.jdbc.queryForList("SELECT RUN_ID FROM TY_CHAMPION_HISTORY WHERE RUN_ID IS NOT NULL"
				+ " GROUP BY RUN_ID HAVING COUNT(*) > 1", String.class))
			.as("runs that changed the champion twice")
			.isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM TY_RUN WHERE OWNER_ID IS NOT NULL", Integer.class))
			.isZero();
		for (RunView run : all) {
			if (run.outcome() == Outcome.PROMOTED) {
				assertThat(this.registry.find(run.pipeline(), run.modelVersion()).orElseThrow().state())
					.isEqualTo(VersionState.PROMOTED);
			}
		}
		assertThat(this.registry.awaitingApproval()).isEmpty();
	}

	private void act(Random random, AtomicBoolean soaking) {
		List<Consumer<Random>> actions = List.of(this::launch, this::launch, this::stop, this::restart, this::resume,
				this::approve, this::reject, this::expire, this::kill);
		while (soaking.get()) {
			try {
				actions.get(random.nextInt(actions.size())).accept(random);
			}
			catch (RunConflictException | RunQueueFullException | dev.trainyard.registry.VersionStateException
					| dev.trainyard.promotion.FourEyesException | RunNotFoundException ex) {
				count("refused");
			}
			catch (RuntimeException ex) {
				this.violations.add("unexpected " + ex);
				log.error("Unexpected error in the soak", ex);
			}
		}
	}

	private void launch(Random random) {
		this.runs.launch(PIPELINES.get(random.nextInt(PIPELINES.size())), "soak");
		count("launch");
	}

	private void stop(Random random) {
		pick(random, this.runs.list(null, "STARTED", 20)).ifPresent((run) -> {
			this.runs.stop(run.runId(), "soak");
			count("stop");
		});
	}

	private void restart(Random random) {
		List<RunView> resumable = new ArrayList<>(this.runs.list(null, "FAILED", 20));
		resumable.addAll(this.runs.list(null, "STOPPED", 20));
		pick(random, resumable).ifPresent((run) -> {
			this.runs.restart(run.runId(), "soak");
			count("restart");
		});
	}

	private void resume(Random random) {
		this.runs.resumeLatest(PIPELINES.get(random.nextInt(PIPELINES.size())), "soak");
		count("resume");
	}

	private void approve(Random random) {
		pick(random, this.registry.awaitingApproval()).ifPresent((version) -> {
			this.approvals.approve(version.pipeline(), version.version(), "approver", null);
			count("approve");
		});
	}

	private void reject(Random random) {
		pick(random, this.registry.awaitingApproval()).ifPresent((version) -> {
			this.approvals.reject(version.pipeline(), version.version(), "approver", null);
			count("reject");
		});
	}

	private void expire(Random random) {
		count("expired", this.approvals.expireOverdue());
	}

	/**
	 * A process killed while it executed the run, in the step it was in: this process
	 * claims it (so nobody acts on it meanwhile), leaves its rows as a kill leaves them,
	 * and hands it to a dead process.
	 */
	private void kill(Random random) {
		List<RunView> candidates = new ArrayList<>(this.runs.list(null, "FAILED", 20));
		candidates.addAll(this.runs.list(null, "STOPPED", 20));
		pick(random, candidates).filter((run) -> run.step() != null).ifPresent((run) -> {
			ActiveRun claim = this.ownership.claim(this.repository.find(run.runId()).orElseThrow());
			String step = run.step().stepName();
			try {
				RunRecord now = this.repository.find(run.runId()).orElseThrow();
				if (now.state() != RunStatus.FAILED && now.state() != RunStatus.STOPPED) {
					this.ownership.release(claim);
					return;
				}
				KilledRuns.leave(this.jdbc, run.runId(), step, KilledRuns.finishedProcess().pid(), Instant.now());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			finally {
				this.active.remove(claim);
			}
			count("kill");
		});
	}

	private void watch(AtomicBoolean soaking) {
		while (soaking.get()) {
			List<Long> twice = this.jdbc.queryForList("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION"
					+ " WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING') GROUP BY JOB_INSTANCE_ID"
					+ " HAVING COUNT(*) > 1", Long.class);
			if (!twice.isEmpty()) {
				this.violations.add("job instances with two running executions: " + twice);
			}
			LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
		}
	}

	/**
	 * Ends every run: recovers dead ones, continues the rest, decides every candidate.
	 */
	private void drain() {
		await().atMost(Duration.ofMinutes(2)).until(() -> this.active.all().isEmpty());
		this.deadRuns.recoverAll();
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
			for (ModelVersion version : this.registry.awaitingApproval()) {
				try {
					this.approvals.approve(version.pipeline(), version.version(), "approver", null);
				}
				catch (RuntimeException ex) {
					log.debug("Approval in the drain refused: {}", ex.getMessage());
				}
			}
			for (RunView run : this.runs.list(null, null, 500)) {
				if ((run.status() == RunStatus.FAILED || run.status() == RunStatus.STOPPED)
						&& !this.active.holds(run.runId())) {
					try {
						this.runs.restart(run.runId(), "drain");
					}
					catch (RunConflictException ex) {
						log.debug("Restart in the drain refused: {}", ex.getMessage());
					}
				}
			}
			List<String> left = this.runs.list(null, null, 500)
				.stream()
				.filter((run) -> run.status() != RunStatus.COMPLETED && run.status() != RunStatus.ABANDONED)
				.map((run) -> run.runId() + " " + run.status() + " " + run.outcome() + " " + run.step() + " v"
						+ run.modelVersion() + " " + run.error())
				.toList();
			if (!left.isEmpty()) {
				log.info("Not ended yet: {}", left);
			}
			return left.isEmpty();
		});
	}

	private static <T> java.util.Optional<T> pick(Random random, List<T> items) {
		return items.isEmpty() ? java.util.Optional.empty()
				: java.util.Optional.of(items.get(random.nextInt(items.size())));
	}

	private void count(String action) {
		count(action, 1);
	}

	private void count(String action, int times) {
		this.done.merge(action, times, Integer::sum);
	}

	private void writePipelines() {
		TestPipelines.write(TestDirs.jobs(getClass()), "soak-auto", TestPipelines.synthetic("soak-auto", "auto", 0.5));
		TestPipelines.write(TestDirs.jobs(getClass()), "soak-manual",
				TestPipelines.synthetic("soak-manual", "manual", 0.5));
		TestPipelines
			.write(TestDirs.jobs(getClass()), "soak-expiring", TestPipelines.synthetic("soak-expiring", "manual", 0.5)
				.replace("promotion: { approval: manual }", "promotion: { approval: manual, approval-timeout: 2s }"));
	}

}
