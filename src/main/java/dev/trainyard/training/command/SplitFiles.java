package dev.trainyard.training.command;

import java.nio.file.Path;

/**
 * A run's split as CSV files for a command trainer ({@link TrainingCsv}):
 * {@code TRAINYARD_TRAIN_DATA}, {@code TRAINYARD_VALIDATION_DATA} and
 * {@code TRAINYARD_LABEL}.
 */
public record SplitFiles(Path train, Path validation, String label) {
}
