package dev.trainyard.store;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/**
 * The blob store contract on local files.
 */
class FileBlobStoreContractTests extends BlobStoreContractTests {

	@TempDir
	Path root;

	@Override
	protected BlobStore store() {
		return new FileBlobStore(this.root);
	}

}
