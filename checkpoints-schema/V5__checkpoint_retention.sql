-- Retention: a checkpoint whose blob was deleted (older than the newest trainyard.checkpoints.keep of its run, or of
-- a finished run whose model is registered) keeps its row, marked with when it was deleted.
ALTER TABLE TY_CHECKPOINT ADD COLUMN DELETED_AT TIMESTAMP WITH TIME ZONE;
