-- A command trainer's checkpoint is a set of files (CONTRACT §7): BLOB_KEY, SIZE_BYTES and SHA256 are then those of
-- its manifest, which lists every file with its size and SHA-256 (store module, FileSets).
ALTER TABLE TY_CHECKPOINT ADD COLUMN FILE_SET BOOLEAN DEFAULT FALSE NOT NULL;
