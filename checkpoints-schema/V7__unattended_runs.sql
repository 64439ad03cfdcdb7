-- Runs that run unattended: run-level restarts, the run queue, and scheduled launches that happen once across servers.
-- Portable: H2 2.x and PostgreSQL 14+.
--   RESTARTS         run-level restarts done since the last restart a user asked for
--   NEXT_ATTEMPT_AT  when the run's next run-level restart is due (NULL: none pending)
--   QUEUED_AT        when the run joined the queue of runs waiting for a slot (STATE = QUEUED)
ALTER TABLE TY_RUN ADD COLUMN RESTARTS INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE TY_RUN ADD COLUMN NEXT_ATTEMPT_AT TIMESTAMP WITH TIME ZONE;
ALTER TABLE TY_RUN ADD COLUMN QUEUED_AT TIMESTAMP WITH TIME ZONE;
CREATE INDEX TY_RUN_NEXT_ATTEMPT_IDX ON TY_RUN (NEXT_ATTEMPT_AT);
CREATE INDEX TY_RUN_QUEUED_IDX ON TY_RUN (STATE, QUEUED_AT);

-- One row per tick of a pipeline's schedule that a server acted on: its primary key makes every tick launch at most
-- once, however many servers share the database. RUN_ID is the run it launched, or SKIPPED why it did not.
CREATE TABLE TY_SCHEDULED_LAUNCH (
    PIPELINE VARCHAR(100) NOT NULL,
    SCHEDULED_AT TIMESTAMP WITH TIME ZONE NOT NULL,
    RUN_ID VARCHAR(40),
    SKIPPED VARCHAR(30),
    DECIDED_BY VARCHAR(200) NOT NULL,
    DECIDED_AT TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT TY_SCHEDULED_LAUNCH_PK PRIMARY KEY (PIPELINE, SCHEDULED_AT)
);
