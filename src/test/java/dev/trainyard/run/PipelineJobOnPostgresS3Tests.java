package dev.trainyard.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.trainyard.store.BlobStore;
import dev.trainyard.support.PostgresAndS3;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PipelineJobTests} on a real PostgreSQL and a real S3 API (embedded: a fresh
 * database and a fresh bucket).
 */
class PipelineJobOnPostgresS3Tests extends PipelineJobTests {

	@DynamicPropertySource
	static void postgresAndS3(DynamicPropertyRegistry registry) {
		PostgresAndS3.register(registry);
	}

	@Test
	void runsOnPostgresqlAndS3(@Autowired JdbcTemplate jdbc, @Autowired BlobStore store) {
		PostgresAndS3.assertInUse(jdbc, store);
	}

	@Test
	void checkpointsAndModelsLandInTheBucketAndNoBlobInTheDataDir() throws IOException {
		String name = pipeline("in-the-bucket", "auto", 0.8);
		this.store.failWrites((key) -> key.contains("/000030-"), 1, new IllegalStateException("crash"));
		RunView failed = this.runs.launch(name, "tester");
		assertThat(failed.checkpoints()).isNotEmpty()
			.allSatisfy((checkpoint) -> assertThat(checkpoint.location()).startsWith("s3://"));
		assertThat(this.checkpoints.list(failed.runId())).allSatisfy((checkpoint) -> {
			assertThat(checkpoint.location()).isEqualTo(this.store.location(checkpoint.key()));
			assertThat(this.store.exists(checkpoint.key())).isTrue();
		});

		RunView completed = this.runs.restart(failed.runId(), "tester");
		assertThat(completed.outcome()).isEqualTo("PROMOTED");
		assertThat(this.store.exists("models/" + name + "/champion.json")).isTrue();
		assertThat(this.store.exists("models/" + name + "/1/model.ubj")).isTrue();
		Path data = this.root.resolve("data");
		if (Files.exists(data)) {
			try (Stream<Path> files = Files.walk(data)) {
				assertThat(files.filter(Files::isRegularFile).map(Path::toString))
					.noneMatch((file) -> file.contains("/store/") || file.endsWith(".ubj") || file.endsWith(".json"));
			}
		}
	}

}
