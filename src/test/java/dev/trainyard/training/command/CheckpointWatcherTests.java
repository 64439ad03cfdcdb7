package dev.trainyard.training.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.trainyard.training.command.TrainerEvent.CheckpointReady;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A checkpoint is picked up once its directory is renamed to its step, never while it is
 * being written, once only, in step order.
 */
class CheckpointWatcherTests {

	@TempDir
	Path dir;

	@Test
	void picksUpADirectoryOnlyOnceItIsRenamedToItsStep() throws IOException {
		CheckpointWatcher watcher = new CheckpointWatcher(this.dir);
		Path temp = Files.createDirectories(this.dir.resolve("tmp-120"));
		Files.writeString(temp.resolve("model.pt"), "half");
		assertThat(watcher.poll()).isEmpty();

		Path published = Files.move(temp, this.dir.resolve("120"));
		assertThat(watcher.poll()).containsExactly(new CheckpointReady(120, published));
		assertThat(watcher.poll()).isEmpty();
	}

	@Test
	void reportsSeveralInStepOrder() throws IOException {
		CheckpointWatcher watcher = new CheckpointWatcher(this.dir);
		for (String step : new String[] { "40", "5", "120", "35" }) {
			Files.createDirectories(this.dir.resolve(step));
		}
		assertThat(watcher.poll()).extracting(CheckpointReady::step).containsExactly(5, 35, 40, 120);
	}

	@Test
	void ignoresWhatIsNotAStepDirectory() throws IOException {
		CheckpointWatcher watcher = new CheckpointWatcher(this.dir);
		Files.createDirectories(this.dir.resolve("12abc"));
		Files.createDirectories(this.dir.resolve("99999999999"));
		Files.writeString(this.dir.resolve("20"), "a file, not a directory");
		Path real = Files.createDirectories(this.dir.resolve("in-progress"));
		Files.createSymbolicLink(this.dir.resolve("30"), real);
		Files.createDirectories(this.dir.resolve(".hidden"));
		assertThat(watcher.poll()).isEmpty();
		Files.createDirectories(this.dir.resolve("40"));
		assertThat(watcher.poll()).extracting(CheckpointReady::step).containsExactly(40);
	}

}
