package dev.trainyard.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/**
 * File sets in the local file store.
 */
class FileFileSetsTests extends FileSetsContractTests {

	@TempDir
	Path root;

	@Override
	protected BlobStore store() {
		return new FileBlobStore(this.root);
	}

	@Override
	protected void damage(String key) throws IOException {
		Path file = this.root.resolve(key);
		byte[] bytes = Files.readAllBytes(file);
		bytes[bytes.length / 2] = (byte) ~bytes[bytes.length / 2];
		Files.write(file, bytes);
	}

}
