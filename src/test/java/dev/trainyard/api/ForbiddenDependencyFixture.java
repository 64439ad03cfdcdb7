package dev.trainyard.api;

import dev.trainyard.store.s3.S3Connection;

/**
 * Not a test: a class that breaks the module rules on purpose (the API reaching into the
 * store's internal {@code s3} package), which {@code ModularityTests} adds to the
 * production classes to show that the check fails on it.
 */
final class ForbiddenDependencyFixture {

	private ForbiddenDependencyFixture() {
	}

	static String endpoint(S3Connection connection) {
		return connection.endpoint();
	}

}
