-- A pipeline's schedule as the servers sharing this database last saw it: its row is the lock that makes a tick's
-- decision (launch, or skip because the pipeline is busy or the queue full) atomic across servers, and SINCE (when this
-- cron and zone took effect) bounds the ticks a server that starts may consider missed.
CREATE TABLE TY_SCHEDULE (
    PIPELINE VARCHAR(100) NOT NULL PRIMARY KEY,
    CRON VARCHAR(200) NOT NULL,
    ZONE VARCHAR(100) NOT NULL,
    SINCE TIMESTAMP WITH TIME ZONE NOT NULL
);
