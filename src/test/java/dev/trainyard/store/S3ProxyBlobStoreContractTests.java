package dev.trainyard.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The S3 store against S3Proxy running in this JVM: runs on every machine.
 */
class S3ProxyBlobStoreContractTests extends S3BlobStoreContractTests {

	@RegisterExtension
	static final InJvmS3 s3 = new InJvmS3(BUCKET);

	@Test
	void objectsDamagedAtRestFailTheirReadNamingTheKey() throws IOException {
		for (long size : new long[] { 1000, 20L * 1024 * 1024 }) {
			String key = key("000030-damaged");
			StoredBlob blob = store().put(key, new SeededBytes(9, size));
			flipByte(s3.object(BUCKET, PREFIX, key), size / 2 + 5);
			assertThatExceptionOfType(BlobCorruptException.class).isThrownBy(() -> {
				try (InputStream in = store().open(key)) {
					in.transferTo(OutputStream.nullOutputStream());
				}
			}).withMessageContaining(key).withMessageContaining(blob.sha256());
		}
	}

	/** Damages a stored object behind S3Proxy's back, as a failing disk would. */
	private static void flipByte(Path file, long position) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			ByteBuffer one = ByteBuffer.allocate(1);
			channel.read(one, position);
			one.put(0, (byte) ~one.get(0));
			one.rewind();
			channel.write(one, position);
		}
	}

	@Override
	protected URI endpoint() {
		return s3.server().endpoint();
	}

	@Override
	protected AwsCredentialsProvider credentials() {
		return S3ProxyServer.credentials();
	}

}
