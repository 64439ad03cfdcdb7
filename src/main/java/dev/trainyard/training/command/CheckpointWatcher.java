package dev.trainyard.training.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.trainyard.training.command.TrainerEvent.CheckpointReady;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches {@code TRAINYARD_CHECKPOINT_DIR} by polling it: a directory whose name is a
 * step number has been renamed into place, so it is complete (CONTRACT §7); one whose
 * name does not start with a digit is still being written and is left alone. Each
 * complete one is reported once, in step order. An entry whose name starts with a digit
 * but is not a step, or that is not a directory (links are not followed), is ignored with
 * a WARN.
 */
final class CheckpointWatcher {

	private static final Logger log = LoggerFactory.getLogger(CheckpointWatcher.class);

	private static final Pattern STEP = Pattern.compile("\\d{1,9}");

	private final Path dir;

	private final Set<String> seen = new HashSet<>();

	CheckpointWatcher(Path dir) {
		this.dir = dir;
	}

	/** The checkpoint directories completed since the last call, in step order. */
	List<CheckpointReady> poll() throws IOException {
		List<CheckpointReady> ready = new ArrayList<>();
		try (Stream<Path> entries = Files.list(this.dir)) {
			for (Path entry : entries.toList()) {
				String name = entry.getFileName().toString();
				if (name.isEmpty() || !Character.isDigit(name.charAt(0)) || !this.seen.add(name)) {
					continue;
				}
				if (!STEP.matcher(name).matches()) {
					log.warn("Ignoring {} in {}: a checkpoint directory is named by its step (digits only)", name,
							this.dir);
				}
				else if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
					log.warn("Ignoring {} in {}: a checkpoint must be a directory (links are not followed)", name,
							this.dir);
				}
				else {
					ready.add(new CheckpointReady(Integer.parseInt(name), entry));
				}
			}
		}
		ready.sort(Comparator.comparingInt(CheckpointReady::step));
		return ready;
	}

}
