package dev.trainyard.training.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.trainyard.pipeline.DeclaredMetric;
import dev.trainyard.pipeline.DeclaredMetric.Goal;
import dev.trainyard.training.command.CommandTrainerException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@code TRAINYARD_METRICS_FILE}: one JSON object of metric name to finite number with
 * every declared metric; anything else is named.
 */
class MetricsFileTests {

	private static final List<DeclaredMetric> DECLARED = List.of(new DeclaredMetric("val_auc", Goal.MAX),
			new DeclaredMetric("val_loss", Goal.MIN));

	@TempDir
	Path dir;

	@Test
	void readsTheDeclaredMetricsFirstThenTheOthers() throws IOException {
		Path file = write("{\"epochs\": 40, \"val_loss\": 0.21, \"val_auc\": 0.97}");
		assertThat(MetricsFile.read(file, DECLARED, 0)).containsExactly(entry("val_auc", 0.97), entry("val_loss", 0.21),
				entry("epochs", 40.0));
	}

	@Test
	void namesTheFileAndWhatIsWrong() throws IOException {
		assertBad("", "is empty");
		assertBad("{\"val_auc\": 0.9,", "is not valid JSON");
		assertBad("[0.9, 0.2]", "must hold one JSON object of metric name to number, not ARRAY");
		assertBad("{\"val_auc\": \"0.9\", \"val_loss\": 0.2}", "val_auc is \"0.9\", not a number");
		assertBad("{\"val_auc\": NaN, \"val_loss\": 0.2}", "val_auc is NaN, not a finite number");
		assertBad("{\"val_auc\": 0.9, \"val_loss\": Infinity}", "val_loss is Infinity, not a finite number");
		assertBad("{\"val_auc\": 0.9, \"val_auc\": 0.8, \"val_loss\": 1}",
				"is not valid JSON: Duplicate Object property \"val_auc\"");
		assertBad("{\"val_auc\": 0.9, \"loss\": 0.2}",
				"has no val_loss (declared in trainer.metrics; the file has val_auc, loss)");
		assertBad("{}", "has no val_auc (declared in trainer.metrics; the file has none)");
	}

	@Test
	void refusesALinkAndAMissingFile() throws IOException {
		Path target = write("{\"val_auc\": 0.9, \"val_loss\": 0.2}");
		Path link = Files.createSymbolicLink(this.dir.resolve("link.json"), target);
		assertThatExceptionOfType(CommandTrainerException.class).isThrownBy(() -> MetricsFile.read(link, DECLARED, 0))
			.withMessage("the metrics file " + link + " is not a regular file (links are not followed)");
		Path missing = this.dir.resolve("missing.json");
		assertThatExceptionOfType(CommandTrainerException.class)
			.isThrownBy(() -> MetricsFile.read(missing, DECLARED, 0))
			.withMessageContaining(missing + " does not exist");
	}

	private void assertBad(String content, String problem) throws IOException {
		Path file = write(content);
		assertThatExceptionOfType(CommandTrainerException.class).as(content)
			.isThrownBy(() -> MetricsFile.read(file, DECLARED, 0))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.BAD_OUTPUT))
			.withMessageStartingWith("the metrics file " + file + " ")
			.withMessageContaining(problem);
	}

	private Path write(String content) throws IOException {
		return Files.writeString(this.dir.resolve("metrics.json"), content);
	}

}
