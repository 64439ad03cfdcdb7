-- Command trainers (CONTRACT §7). The trainer process a run's owner started last: its host, process id and start time, so
-- that after a kill -9 of Trainyard the process that resumes or takes the run over ends that trainer first (a
-- process that reuses the id has another start time and is left alone). Cleared when the trainer is gone.
ALTER TABLE TY_RUN ADD COLUMN TRAINER_PID BIGINT;
ALTER TABLE TY_RUN ADD COLUMN TRAINER_STARTED_AT TIMESTAMP WITH TIME ZONE;
ALTER TABLE TY_RUN ADD COLUMN TRAINER_HOST VARCHAR(255);

-- A command trainer's output, stored with its run (bounded: the oldest lines go first), newest last.
CREATE TABLE TY_RUN_LOG (
    RUN_ID VARCHAR(40) NOT NULL,
    SEQ BIGINT NOT NULL,
    LOGGED_AT TIMESTAMP WITH TIME ZONE NOT NULL,
    SOURCE VARCHAR(8) NOT NULL,
    LINE VARCHAR(16384) NOT NULL,
    PRIMARY KEY (RUN_ID, SEQ)
);
