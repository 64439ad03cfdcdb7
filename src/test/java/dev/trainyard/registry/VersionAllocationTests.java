package dev.trainyard.registry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import dev.trainyard.store.Sha256;
import dev.trainyard.support.InUseBackend;
import dev.trainyard.support.OnEveryBackend;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs of one pipeline that finish together get distinct versions, each with its own
 * artifact.
 */
@TrainyardTest
@OnEveryBackend
class VersionAllocationTests implements InUseBackend {

	@Autowired
	ModelRegistry registry;

	@Test
	void concurrentRegistrationsGetDistinctVersionsAndKeepTheirOwnArtifacts() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<ModelVersion>> registrations = IntStream.range(0, 8)
				.mapToObj((i) -> (Callable<ModelVersion>) () -> this.registry
					.register(candidate("concurrent", "run-" + i)))
				.toList();
			List<ModelVersion> registered = pool.invokeAll(registrations)
				.stream()
				.map(VersionAllocationTests::get)
				.toList();

			assertThat(registered).extracting(ModelVersion::version).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
			for (ModelVersion version : registered) {
				assertThat(Sha256.hex(this.registry.artifact(version))).isEqualTo(Sha256.hex(model(version.runId())));
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void registeringARunAgainReturnsItsVersion() {
		ModelVersion first = this.registry.register(candidate("again", "again-1"));
		assertThat(this.registry.register(candidate("again", "again-1"))).isEqualTo(first);
	}

	private static NewModelVersion candidate(String pipeline, String runId) {
		byte[] model = model(runId);
		return new NewModelVersion(pipeline, runId, model, Sha256.hex(model), VersionState.APPROVED, Map.of("auc", 0.9),
				null, null, List.of(), "0".repeat(64), Map.of());
	}

	private static byte[] model(String runId) {
		return ("model of " + runId).getBytes();
	}

	private static ModelVersion get(Future<ModelVersion> future) {
		try {
			return future.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
