package dev.trainyard.registry;

import java.io.IOException;
import java.time.Instant;

import dev.trainyard.run.Outcome;
import dev.trainyard.run.Runs;
import dev.trainyard.support.FaultyBlobStore;
import dev.trainyard.support.StoredBlobs;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The serving pointer always ends up naming the champion the database committed: a
 * process killed between the pointer write and the commit of a champion change leaves it
 * ahead, and the server's start puts it right.
 */
@TrainyardTest
class ChampionPointerTests {

	@Autowired
	Runs runs;

	@Autowired
	ModelRegistry registry;

	@Autowired
	ChampionPointer pointer;

	@Autowired
	ChampionPointers pointers;

	@Autowired
	FaultyBlobStore store;

	@Test
	void aPointerLeftAheadOfTheDatabaseByACrashIsPutRightAtStart() throws IOException {
		String name = pipeline("pointer-ahead");
		assertThat(this.runs.launch(name, "tester").outcome()).isEqualTo(Outcome.PROMOTED);
		ModelVersion second = this.registry.find(name, this.runs.launch(name, "tester").modelVersion()).orElseThrow();
		this.registry.rollback(name, 1, "approver", "back");
		this.pointer.write(second, Instant.now());
		assertThat(this.pointer.version(name)).hasValue(second.version());

		assertThat(this.pointers.reconcileAll()).isEqualTo(1);

		assertThat(this.registry.champion(name).orElseThrow().version()).isEqualTo(1);
		assertThat(this.pointer.version(name)).hasValue(1);
		assertThat(StoredBlobs.read(this.store, ChampionPointer.key(name))).contains("\"version\":1");
		assertThat(this.pointers.reconcileAll()).isZero();
	}

	@Test
	void aPointerWrittenForAFirstChampionThatNeverCommittedIsRemoved() throws IOException {
		String name = pipeline("never-committed");
		this.store.failWrites((key) -> key.endsWith("/champion.json"), 1000, new IOException("bucket unavailable"));
		this.runs.launch(name, "tester");
		this.store.heal();
		ModelVersion candidate = this.registry.versions(name).get(0);
		this.pointer.write(candidate, Instant.now());

		this.pointers.reconcileAll();

		assertThat(this.registry.champion(name)).isEmpty();
		assertThat(this.pointer.version(name)).isEmpty();
	}

	private String pipeline(String name) {
		TestPipelines.write(TestDirs.jobs(getClass()), name, TestPipelines.synthetic(name, "auto", 0.5));
		return name;
	}

}
