package dev.trainyard.training.command;

import java.nio.file.Path;
import java.util.Map;

import dev.trainyard.store.FileSetManifest;

/**
 * What a running trainer has to report, in order: each checkpoint it published, then that
 * it finished. A failure is thrown instead ({@link CommandTrainerException}).
 */
public sealed interface TrainerEvent {

	/**
	 * A checkpoint directory the trainer renamed into place in
	 * {@code TRAINYARD_CHECKPOINT_DIR}: complete, to be stored, then
	 * {@linkplain TrainerProcess#discard discarded}.
	 *
	 * @param step the directory's name
	 */
	record CheckpointReady(int step, Path dir) implements TrainerEvent {
	}

	/**
	 * The trainer exited 0 with its outputs checked. Every checkpoint it published was
	 * reported before.
	 *
	 * @param modelDir the model's files ({@code TRAINYARD_MODEL_DIR}; for an evaluation,
	 * the model that was evaluated)
	 * @param model the model's manifest ({@code null} for an evaluation): its
	 * {@link FileSetManifest#sha256()} is the {@code modelSha256}
	 * @param metrics every declared metric, then any others the file has, each finite
	 */
	record TrainerFinished(Path modelDir, FileSetManifest model, Map<String, Double> metrics) implements TrainerEvent {
	}

}
