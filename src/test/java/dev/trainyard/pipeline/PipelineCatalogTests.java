package dev.trainyard.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

class PipelineCatalogTests {

	@TempDir
	Path jobsDir;

	@Test
	void validatesEveryFileAndReportsOnlyTheBadOnes() throws IOException {
		write("good.yaml", pipeline("good"));
		write("other.yml", pipeline("other"));
		write("bad.yaml", pipeline("bad").replace("rounds: 10", "rounds: 0"));
		write("broken.yaml", "name: broken\ntrainer: [\n");
		write("notes.txt", "not a pipeline");

		PipelineCatalog catalog = new PipelineCatalog(this.jobsDir);

		assertThat(catalog.validateAll()).extracting(PipelineProblem::file, PipelineProblem::field)
			.containsExactly(tuple(this.jobsDir.resolve("bad.yaml"), "trainer.rounds"),
					tuple(this.jobsDir.resolve("broken.yaml"), null));
		assertThat(catalog.all()).extracting(PipelineDefinition::name).containsExactly("good", "other");
	}

	@Test
	void reportsNothingWhenEveryFileIsValid() throws IOException {
		write("good.yaml", pipeline("good"));

		assertThat(new PipelineCatalog(this.jobsDir).validateAll()).isEmpty();
	}

	@Test
	void reportsDuplicatePipelineNames() throws IOException {
		write("twin.yaml", pipeline("twin"));
		write("twin.yml", pipeline("twin"));

		PipelineCatalog catalog = new PipelineCatalog(this.jobsDir);

		assertThat(catalog.validateAll()).singleElement().satisfies((problem) -> {
			assertThat(problem.file()).isEqualTo(this.jobsDir.resolve("twin.yml"));
			assertThat(problem.line()).isEqualTo(1);
			assertThat(problem.field()).isEqualTo("name");
			assertThat(problem.message()).contains("duplicate pipeline name 'twin'").contains("twin.yaml");
		});
		assertThat(catalog.all()).extracting(PipelineDefinition::source)
			.containsExactly(this.jobsDir.resolve("twin.yaml"));
	}

	@Test
	void reportsAMissingOrEmptyJobsDir() {
		Path missing = this.jobsDir.resolve("nope");

		assertThat(new PipelineCatalog(missing).validateAll()).singleElement()
			.extracting(PipelineProblem::file, PipelineProblem::message)
			.containsExactly(missing, "jobs dir does not exist");
		assertThat(new PipelineCatalog(this.jobsDir).validateAll()).singleElement()
			.extracting(PipelineProblem::message)
			.asString()
			.contains("no pipeline files");
		assertThat(new PipelineCatalog(missing).all()).isEmpty();
	}

	@Test
	void getsAPipelineByName() throws IOException {
		write("good.yaml", pipeline("good"));

		PipelineDefinition definition = new PipelineCatalog(this.jobsDir).get("good");

		assertThat(definition.name()).isEqualTo("good");
		assertThat(definition.source()).isEqualTo(this.jobsDir.resolve("good.yaml"));
	}

	@Test
	void failsToGetAnUnknownPipelineNamingTheJobsDir() {
		PipelineCatalog catalog = new PipelineCatalog(this.jobsDir);

		assertThatExceptionOfType(PipelineNotFoundException.class).isThrownBy(() -> catalog.get("ghost"))
			.withMessageContaining("'ghost'")
			.withMessageContaining(this.jobsDir.toString());
		assertThatExceptionOfType(PipelineNotFoundException.class).isThrownBy(() -> catalog.get("../ghost"));
	}

	@Test
	void failsToGetABrokenPipelineWithItsProblems() throws IOException {
		write("bad.yaml", pipeline("bad").replace("rounds: 10", "rounds: 0"));

		assertThatExceptionOfType(InvalidPipelineException.class)
			.isThrownBy(() -> new PipelineCatalog(this.jobsDir).get("bad"))
			.withMessage(this.jobsDir.resolve("bad.yaml") + ":7: trainer.rounds: must be at least 1");
	}

	@Test
	void followsEditsOfTheFilesAndTellsItsSubscribersOnlyWhenTheValidPipelinesChanged() throws IOException {
		write("good.yaml", pipeline("good"));
		PipelineCatalog catalog = new PipelineCatalog(this.jobsDir);
		List<List<String>> changes = new ArrayList<>();
		catalog.onChange((snapshot) -> changes.add(snapshot.pipelines()
			.stream()
			.map((pipeline) -> pipeline.name() + ":" + pipeline.trainer().rounds())
			.toList()));

		assertThat(catalog.all()).extracting(PipelineDefinition::name).containsExactly("good");
		assertThat(catalog.all()).extracting(PipelineDefinition::name).containsExactly("good");
		assertThat(changes).isEmpty();

		write("good.yaml", pipeline("good").replace("rounds: 10", "rounds: 12"));
		assertThat(catalog.get("good").trainer().rounds()).isEqualTo(12);
		assertThat(catalog.all()).singleElement().extracting((pipeline) -> pipeline.trainer().rounds()).isEqualTo(12);
		assertThat(changes).containsExactly(List.of("good:12"));

		Files.delete(this.jobsDir.resolve("good.yaml"));
		write("other.yaml", pipeline("other"));
		assertThat(catalog.snapshot().pipelines()).extracting(PipelineDefinition::name).containsExactly("other");
		assertThat(changes).hasSize(2).last().isEqualTo(List.of("other:10"));
	}

	@Test
	void checksAFileWithProblemsAgainUntilWhatItNeedsIsThere() throws IOException {
		write("later.yaml", pipeline("later").replace("synthetic:regression?rows=100&features=4", "later.csv"));
		PipelineCatalog catalog = new PipelineCatalog(this.jobsDir);

		PipelineCatalog.Snapshot missing = catalog.snapshot();
		assertThat(missing.pipelines()).isEmpty();
		assertThat(missing.invalid()).containsExactly("later");
		assertThat(missing.problems()).singleElement().extracting(PipelineProblem::field).isEqualTo("dataset.path");

		write("later.csv", "a,y\n1,2\n");
		PipelineCatalog.Snapshot arrived = catalog.snapshot();
		assertThat(arrived.pipelines()).extracting(PipelineDefinition::name).containsExactly("later");
		assertThat(arrived.invalid()).isEmpty();
		assertThat(arrived.problems()).isEmpty();
	}

	@Test
	void reloadReadsEveryFileAgainAndReportsTheProblemsOfTheOthers() throws IOException {
		write("good.yaml", pipeline("good"));
		write("bad.yaml", pipeline("bad").replace("rounds: 10", "rounds: 0"));
		PipelineCatalog catalog = new PipelineCatalog(this.jobsDir);

		PipelineCatalog.Snapshot reloaded = catalog.reload();

		assertThat(reloaded.pipelines()).extracting(PipelineDefinition::name).containsExactly("good");
		assertThat(reloaded.invalid()).containsExactly("bad");
		assertThat(reloaded.problems()).extracting(PipelineProblem::field).containsExactly("trainer.rounds");
	}

	private void write(String file, String text) throws IOException {
		Files.writeString(this.jobsDir.resolve(file), text);
	}

	private static String pipeline(String name) {
		return """
				name: %s
				dataset:
				  path: synthetic:regression?rows=100&features=4
				  label: y
				trainer:
				  objective: reg:squarederror
				  rounds: 10
				""".formatted(name);
	}

}
