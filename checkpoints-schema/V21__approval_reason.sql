-- Why a candidate of an approval: auto pipeline waits for approval (the error-budget policy asked for it); NULL when
-- nothing but the pipeline's own approval setting decided. Portable SQL (H2 2.x, PostgreSQL 14+).
ALTER TABLE TY_MODEL_VERSION ADD COLUMN APPROVAL_REASON VARCHAR(1000);
