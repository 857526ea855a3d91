-- Coupon Kernel schema, version 3, H2.
-- 1. A coupon may be SUSPENDED (the fraud guard's reversible answer to an attack; staff lift it).
--    H2 drops a column's own CHECK with the column, so the status column is replaced by one with the
--    new CHECK, its values copied.
-- 2. Each outbox row names its audit entry (the coupon's chain position), so the relay publishes an
--    event only when its payload still matches that hash-chained entry. Rows written before version
--    3 have none and are relayed as before.

ALTER TABLE coupon ADD COLUMN status_v3 VARCHAR(16);
UPDATE coupon SET status_v3 = status;
ALTER TABLE coupon DROP COLUMN status;
ALTER TABLE coupon ALTER COLUMN status_v3 RENAME TO status;
ALTER TABLE coupon ALTER COLUMN status SET NOT NULL;
ALTER TABLE coupon ADD CONSTRAINT coupon_status_check CHECK (status IN ('DRAFT', 'ACTIVE', 'SUSPENDED', 'DISABLED'));

ALTER TABLE coupon_outbox ADD COLUMN audit_pos BIGINT;
