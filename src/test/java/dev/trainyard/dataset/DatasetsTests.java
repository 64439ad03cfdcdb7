package dev.trainyard.dataset;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import dev.trainyard.pipeline.Objective;
import dev.trainyard.pipeline.PipelineDefinition.DatasetSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DatasetsTests {

	@Test
	void opensEachPathWithTheFirstSourceThatSupportsIt() {
		DatasetSource memory = new DatasetSource() {

			@Override
			public boolean supports(String path) {
				return path.startsWith("mem://");
			}

			@Override
			public InputStream open(String path, Path baseDir) {
				return new ByteArrayInputStream("a,y\n1,0\n2,1\n3,0\n4,1\n".getBytes(StandardCharsets.UTF_8));
			}

		};
		Datasets datasets = new Datasets(List.of(new LocalFileDatasetSource(), memory));
		PreparedData data = datasets.prepare(new DatasetSpec("mem://d.csv", "y", 0.25, 1), Objective.BINARY_LOGISTIC,
				Path.of("."));
		assertThat(data.rows()).isEqualTo(4);
		assertThat(data.source()).isEqualTo("mem://d.csv");
	}

	@Test
	void rejectsAPathNoSourceSupports() {
		assertThatExceptionOfType(InvalidDatasetException.class)
			.isThrownBy(() -> Datasets.localFiles()
				.prepare(new DatasetSpec("s3://bucket/d.csv", "y", 0.2, 1), Objective.BINARY_LOGISTIC, Path.of(".")))
			.withMessageStartingWith("s3://bucket/d.csv: no dataset source");
	}

	@Test
	void localFilesLeaveUriSchemesToOtherSources() {
		LocalFileDatasetSource local = new LocalFileDatasetSource();
		assertThat(local.supports("data/d.csv")).isTrue();
		assertThat(local.supports("/srv/data/d.csv")).isTrue();
		assertThat(local.supports("C:\\data\\d.csv")).isTrue();
		assertThat(local.supports("s3://bucket/d.csv")).isFalse();
		assertThat(local.supports("synthetic:regression?rows=1")).isFalse();
	}

	@Test
	void localFilesResolveRelativePathsAgainstTheBaseFolder() {
		LocalFileDatasetSource local = new LocalFileDatasetSource();
		assertThat(local.resolve("data/../d.csv", Path.of("/jobs"))).isEqualTo(Path.of("/jobs/d.csv"));
		assertThat(local.resolve("/srv/d.csv", Path.of("/jobs"))).isEqualTo(Path.of("/srv/d.csv"));
	}

	@Test
	void messageNamesFileAndLine() {
		assertThat(new InvalidDatasetException("d.csv", 7L, "bad")).hasMessage("d.csv:7: bad");
		assertThat(new InvalidDatasetException("d.csv", null, "bad")).hasMessage("d.csv: bad")
			.satisfies((ex) -> assertThat(ex.problem()).isEqualTo("bad"));
	}

}
