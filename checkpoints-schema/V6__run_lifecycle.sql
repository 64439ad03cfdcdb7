-- The run's own state, one owner at a time, and what it was asked to do. Portable: H2 2.x and PostgreSQL 14+.
--   STATE          the run's status (RunStatus): QUEUED, STARTING, STARTED, STOPPING, STOPPED, FAILED, COMPLETED,
--                  ABANDONED; Spring Batch's tables keep the executions, this column is what Trainyard shows and lists
--   STEP_NAME      the step the run is in (or ended in)
--   EXECUTION_ID   its latest Spring Batch job execution
--   OWNER_ID       the process that executes it now (NULL: nobody); OWNER_TOKEN counts the claims (a fencing token:
--                  every write of an owner names the token it claimed with, so a process that lost the run cannot
--                  write to it any more); OWNER_HOST, OWNER_PID, OWNER_STARTED_AT and HEARTBEAT_AT (V2) describe it
--   STOP_REQUESTED_AT/_BY  a stop asked for and not yet carried out
--   ENDED_AT       when its latest execution ended; FAILURE_KIND how it failed (FailureKind), FAILURE_REASON why
ALTER TABLE TY_RUN ADD COLUMN STATE VARCHAR(20);
ALTER TABLE TY_RUN ADD COLUMN STEP_NAME VARCHAR(30);
ALTER TABLE TY_RUN ADD COLUMN EXECUTION_ID BIGINT;
ALTER TABLE TY_RUN ADD COLUMN OWNER_ID VARCHAR(200);
ALTER TABLE TY_RUN ADD COLUMN OWNER_TOKEN BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE TY_RUN ADD COLUMN STOP_REQUESTED_AT TIMESTAMP WITH TIME ZONE;
ALTER TABLE TY_RUN ADD COLUMN STOP_REQUESTED_BY VARCHAR(100);
ALTER TABLE TY_RUN ADD COLUMN ENDED_AT TIMESTAMP WITH TIME ZONE;
ALTER TABLE TY_RUN ADD COLUMN FAILURE_KIND VARCHAR(20);
ALTER TABLE TY_RUN ADD COLUMN FAILURE_REASON VARCHAR(30);

-- Runs recorded before: their state is their latest execution's status
UPDATE TY_RUN SET EXECUTION_ID = (SELECT MAX(E.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION E
    WHERE E.JOB_INSTANCE_ID = TY_RUN.JOB_INSTANCE_ID);
UPDATE TY_RUN SET STATE = (SELECT E.STATUS FROM BATCH_JOB_EXECUTION E WHERE E.JOB_EXECUTION_ID = TY_RUN.EXECUTION_ID),
    ENDED_AT = (SELECT E.END_TIME FROM BATCH_JOB_EXECUTION E WHERE E.JOB_EXECUTION_ID = TY_RUN.EXECUTION_ID);
UPDATE TY_RUN SET STATE = 'STARTING' WHERE STATE IS NULL;
ALTER TABLE TY_RUN ALTER COLUMN STATE SET NOT NULL;

-- Runs by state (the run list's status filter, the scheduler's overlap check, the dead-run detector)
CREATE INDEX TY_RUN_STATE_IDX ON TY_RUN (STATE, PIPELINE, CREATED_AT);
