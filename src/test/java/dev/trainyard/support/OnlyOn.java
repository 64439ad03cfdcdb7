package dev.trainyard.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * A test of an {@link OnEveryBackend} suite that only makes sense on one backend (that
 * the data really lands in PostgreSQL and S3, say).
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OnlyOn.Condition.class)
public @interface OnlyOn {

	Backend value();

	class Condition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			OnlyOn only = context.getElement()
				.map((element) -> AnnotatedElementUtils.findMergedAnnotation(element, OnlyOn.class))
				.orElse(null);
			if (only == null || only.value() == Backend.current()) {
				return ConditionEvaluationResult.enabled("runs on " + Backend.current());
			}
			return ConditionEvaluationResult
				.disabled("only on " + only.value() + ", this run is on " + Backend.current());
		}

	}

}
