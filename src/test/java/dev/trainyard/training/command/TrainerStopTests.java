package dev.trainyard.training.command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.trainyard.training.command.CommandTrainerException.Kind;
import dev.trainyard.training.command.LeftoverTrainers.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stop, timeout and a leftover trainer: the whole process tree is gone afterwards
 * (checked with {@link ProcessHandle}), and a recorded trainer is only ended when its
 * start time matches.
 */
class TrainerStopTests {

	private static final String[] SLOW = { "--steps", "100000", "--checkpoint-every", "100000", "--sleep-ms", "100" };

	private final TrainerFixture fixture;

	TrainerStopTests(@TempDir Path root) {
		this.fixture = new TrainerFixture(root);
	}

	@Test
	void stopEndsTheTrainerAndItsChildrenAndReportsTheFinalCheckpoint() throws Exception {
		TrainerProcess process = this.fixture
			.start(TrainerFixture.command(Duration.ofSeconds(20), concat("--spawn-child")), null, null);
		List<ProcessHandle> tree = treeOnceTraining(process, 1);

		process.stop();

		assertThat(tree).noneMatch(ProcessHandle::isAlive);
		TrainerFixture.Outcome outcome = TrainerFixture.drain(process);
		assertThat(outcome.checkpoints()).singleElement().satisfies((checkpoint) -> {
			assertThat(checkpoint.step()).isGreaterThanOrEqualTo(3);
			assertThat(checkpoint.dir().resolve("weights.txt")).isRegularFile();
		});
		assertThat(outcome.failure().kind()).isEqualTo(Kind.STOPPED);
		assertThat(outcome.failure()).hasMessageStartingWith("the trainer was stopped (exit code 143)");
		assertThat(this.fixture.logText()).anyMatch((line) -> line.startsWith("stopping at step "));
	}

	@Test
	void stopKillsWhatIgnoresSigtermOnceTheGraceIsOver() throws Exception {
		TrainerProcess process = this.fixture
			.start(TrainerFixture.command(Duration.ofSeconds(1), concat("--ignore-term-child")), null, null);
		List<ProcessHandle> tree = treeOnceTraining(process, 2);

		process.stop();

		assertThat(tree).noneMatch(ProcessHandle::isAlive);
		assertThat(TrainerFixture.drain(process).failure().kind()).isEqualTo(Kind.STOPPED);
	}

	@Test
	void aTrainerPastItsTimeoutIsStoppedAndReportedAsTimedOut() throws Exception {
		TrainerProcess process = this.fixture.start(
				TrainerFixture.command(Duration.ofSeconds(5), concat("--spawn-child")), Duration.ofSeconds(10), null);
		List<ProcessHandle> tree = treeOnceTraining(process, 1, 1);

		TrainerFixture.Outcome outcome = TrainerFixture.drain(process);

		assertThat(outcome.failure().kind()).isEqualTo(Kind.TIMED_OUT);
		assertThat(outcome.failure()).hasMessageStartingWith("the trainer ran longer than its timeout of PT10S");
		assertThat(tree).noneMatch(ProcessHandle::isAlive);
		assertThat(outcome.checkpoints()).isNotEmpty();
	}

	@Test
	void aLeftoverTrainerIsEndedOnlyWhenItsStartTimeMatches() throws Exception {
		TrainerProcess process = this.fixture
			.start(TrainerFixture.command(Duration.ofSeconds(5), concat("--spawn-child")), null, null);
		List<ProcessHandle> tree = treeOnceTraining(process, 1);
		TrainerPid recorded = process.identity();

		TrainerPid reused = new TrainerPid(recorded.pid(), recorded.startedAt().minus(Duration.ofMinutes(5)));
		assertThat(LeftoverTrainers.terminate(reused, Duration.ofSeconds(5))).isEqualTo(Outcome.OTHER_PROCESS);
		assertThat(tree).allMatch(ProcessHandle::isAlive);

		assertThat(LeftoverTrainers.terminate(recorded, Duration.ofSeconds(5))).isEqualTo(Outcome.TERMINATED);
		assertThat(tree).noneMatch(ProcessHandle::isAlive);
		assertThat(LeftoverTrainers.terminate(recorded, Duration.ofSeconds(5))).isEqualTo(Outcome.NOT_RUNNING);
		process.close();
	}

	@Test
	void endsALeftoverTrainerThatOutlivedItsKilledParentEvenWhenItIgnoresSigterm() throws Exception {
		Process parent = new ProcessBuilder("sh", "-c", "sh -c 'trap \"\" TERM; exec sleep 1000' & echo $!; wait")
			.redirectErrorStream(true)
			.start();
		long pid = Long.parseLong(
				new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream())).readLine().trim());
		ProcessHandle leftover = ProcessHandle.of(pid).orElseThrow();
		TrainerPid recorded = new TrainerPid(pid, leftover.info().startInstant().orElseThrow());
		parent.destroyForcibly();
		await().atMost(TrainerFixture.PATIENCE)
			.until(() -> leftover.parent().map(ProcessHandle::pid).orElse(-1L) != parent.pid());
		assertThat(leftover.isAlive()).isTrue();

		assertThat(LeftoverTrainers.terminate(recorded, Duration.ofMillis(500))).isEqualTo(Outcome.TERMINATED);
		assertThat(leftover.isAlive()).isFalse();
	}

	@Test
	void closingATrainerThatStillRunsStopsIt() throws Exception {
		TrainerProcess process = this.fixture.start(SLOW);
		List<ProcessHandle> tree = treeOnceTraining(process, 0);
		process.close();
		assertThat(tree).noneMatch(ProcessHandle::isAlive);
	}

	@Test
	void stopAllEndsEveryRunningTrainer() throws Exception {
		TrainerProcess first = this.fixture.start(SLOW);
		TrainerProcess second = this.fixture.start(SLOW);
		List<ProcessHandle> trees = new java.util.ArrayList<>(treeOnceTraining(first, 0));
		trees.addAll(treeOnceTraining(second, 0));
		this.fixture.trainer.stopAll();
		assertThat(trees).noneMatch(ProcessHandle::isAlive);
	}

	/**
	 * The trainer and its descendants, once it has trained {@code steps} steps (3 unless
	 * said) and has {@code children} descendants.
	 */
	private List<ProcessHandle> treeOnceTraining(TrainerProcess process, int children) {
		return treeOnceTraining(process, children, 3);
	}

	private List<ProcessHandle> treeOnceTraining(TrainerProcess process, int children, int steps) {
		ProcessHandle trainer = ProcessHandle.of(process.pid()).orElseThrow();
		await().atMost(TrainerFixture.PATIENCE).untilAsserted(() -> {
			assertThat(this.fixture.progress).hasSizeGreaterThanOrEqualTo(steps);
			assertThat(trainer.descendants().count()).isGreaterThanOrEqualTo(children);
		});
		List<ProcessHandle> tree = new java.util.ArrayList<>(trainer.descendants().toList());
		tree.add(0, trainer);
		assertThat(tree).hasSize(children + 1).allMatch(ProcessHandle::isAlive);
		return tree;
	}

	private static String[] concat(String... extra) {
		String[] options = java.util.Arrays.copyOf(SLOW, SLOW.length + extra.length);
		System.arraycopy(extra, 0, options, SLOW.length, extra.length);
		return options;
	}

}
