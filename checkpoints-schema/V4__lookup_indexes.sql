-- Indexes for the lookups Trainyard makes that V1-V3 leave to a full scan; portable: H2 2.x and PostgreSQL 14+.
-- (Spring Batch's own last-instance, last-execution and running-execution queries use V1's indexes.)

-- Newest runs of every pipeline (the run list, recovery of abandoned runs at start) and of one pipeline
-- (resume, the scheduler's overlap check): ORDER BY CREATED_AT DESC, RUN_ID DESC is read off the index, no sort.
CREATE INDEX TY_RUN_CREATED_IDX ON TY_RUN (CREATED_AT, RUN_ID);
CREATE INDEX TY_RUN_PIPELINE_CREATED_IDX ON TY_RUN (PIPELINE, CREATED_AT, RUN_ID);
DROP INDEX TY_RUN_PIPELINE_IDX;

-- Versions awaiting approval (the expiry check, every minute).
CREATE INDEX TY_MODEL_VERSION_STATE_IDX ON TY_MODEL_VERSION (STATE, CREATED_AT);

-- Whether a run already promoted its model (the promote step, so a resumed run promotes once).
CREATE INDEX TY_CHAMPION_HISTORY_RUN_IDX ON TY_CHAMPION_HISTORY (RUN_ID);
