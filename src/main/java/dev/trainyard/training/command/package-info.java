/**
 * Command trainers (CONTRACT §7): a training process of any framework, started without a
 * shell, given its data, checkpoint, resume and model directories in its environment,
 * watched for checkpoint directories, progress lines and log output, stopped with
 * {@code SIGTERM} then {@code SIGKILL} (its whole process tree), and judged by its exit
 * code. {@link dev.trainyard.training.command.CommandTrainer} is the facade.
 * <p>
 * The {@code training} module's named interface {@code command}: other modules (the run
 * that drives a trainer) may use this package's public types; its workings (supervision,
 * output pumps, the process tree, the metrics file) are package-private.
 */
@NamedInterface("command")
package dev.trainyard.training.command;

import org.springframework.modulith.NamedInterface;
