-- Why a run failed, in the one line a user needs, as the run's owner saw it (Spring Batch keeps a stack trace cut at
-- 2500 characters, which may end before the cause that says why). Cleared when the run starts again.
ALTER TABLE TY_RUN ADD COLUMN ERROR VARCHAR(2000);
