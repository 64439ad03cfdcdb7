package dev.trainyard.training.command;

import java.io.IOException;

import dev.trainyard.failure.FailureKind;
import dev.trainyard.failure.Failures;
import dev.trainyard.training.command.CommandTrainerException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the one failure classifier ({@link Failures}) sees a command trainer's failure:
 * exit code 75 is transient (retried from the newest checkpoint), everything else fatal,
 * also when it reaches a retry wrapped in another exception.
 */
class CommandTrainerExceptionTests {

	@Test
	void exitCode75IsTransient() {
		CommandTrainerException failure = new CommandTrainerException(Kind.TRANSIENT, "exited with code 75", 75);
		assertThat(failure.failureKind()).isEqualTo(FailureKind.TRANSIENT);
		assertThat(Failures.isTransient(new IllegalStateException("step failed", failure))).isTrue();
	}

	@ParameterizedTest
	@EnumSource(value = Kind.class, names = "TRANSIENT", mode = EnumSource.Mode.EXCLUDE)
	void everyOtherEndWithoutAModelIsFatal(Kind kind) {
		CommandTrainerException failure = new CommandTrainerException(kind, kind + " trainer", 1);
		assertThat(Failures.classify(failure)).isEqualTo(FailureKind.FATAL);
		assertThat(Failures.classify(new IllegalStateException("step failed", failure))).isEqualTo(FailureKind.FATAL);
	}

	@Test
	void aProgramThatCannotBeStartedIsFatalThoughItsCauseIsAnIoError() {
		CommandTrainerException failure = new CommandTrainerException(Kind.FAILED, "cannot start the trainer", null,
				new IOException("No such file or directory"));
		assertThat(Failures.classify(failure)).isEqualTo(FailureKind.FATAL);
	}

}
