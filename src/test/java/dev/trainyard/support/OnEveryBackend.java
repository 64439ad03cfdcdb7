package dev.trainyard.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A suite that runs on every {@link Backend}: the build runs it on H2 and files with the
 * rest, then once more on PostgreSQL and S3 (the surefire execution {@code postgres-s3},
 * which runs the classes tagged {@value #TAG} with
 * {@code -Dtrainyard.test.backend=postgres-s3}). A {@link TrainyardTest} so marked gets a
 * fresh database and store of the current backend; other suites ask
 * {@link Backend#current()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(OnEveryBackend.TAG)
@ExtendWith(OnEveryBackend.Available.class)
public @interface OnEveryBackend {

	String TAG = "every-backend";

	/** Skips the suite where its backend cannot run (Docker without an engine). */
	class Available implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			String unavailable = Backend.current().unavailableBecause();
			return (unavailable != null)
					? ConditionEvaluationResult.disabled(Backend.current() + " is not available: " + unavailable)
					: ConditionEvaluationResult.enabled("runs on " + Backend.current());
		}

	}

}
