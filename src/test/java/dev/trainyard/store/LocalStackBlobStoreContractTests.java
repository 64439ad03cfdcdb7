package dev.trainyard.store;

import java.net.URI;

import dev.trainyard.store.s3.S3Connection;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The S3 store against LocalStack in a container: runs where a Docker engine exists,
 * skipped (with the reason) where none does.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackBlobStoreContractTests extends S3BlobStoreContractTests {

	@Container
	static final LocalStackContainer localStack = new LocalStackContainer("localstack/localstack:4.4")
		.withServices("s3");

	@BeforeAll
	static void createBucket() {
		try (S3Connection connection = new S3Connection(settings(localStack.getEndpoint(), BUCKET, null),
				credentialsOf(localStack))) {
			connection.client().createBucket((request) -> request.bucket(BUCKET)).join();
		}
	}

	@Override
	protected URI endpoint() {
		return localStack.getEndpoint();
	}

	@Override
	protected AwsCredentialsProvider credentials() {
		return credentialsOf(localStack);
	}

	private static AwsCredentialsProvider credentialsOf(LocalStackContainer container) {
		return StaticCredentialsProvider
			.create(AwsBasicCredentials.create(container.getAccessKey(), container.getSecretKey()));
	}

}
