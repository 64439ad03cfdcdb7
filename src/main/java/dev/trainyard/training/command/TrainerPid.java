package dev.trainyard.training.command;

import java.time.Instant;

/**
 * Which process a trainer is: its process id and start time, recorded with the run so
 * that a later Trainyard process can end a trainer left behind by a crash
 * ({@link LeftoverTrainers}) and never mistake another process that reuses the id for it.
 */
public record TrainerPid(long pid, Instant startedAt) {
}
