-- Coupon Kernel schema, version 3, PostgreSQL.
-- 1. A coupon may be SUSPENDED (the fraud guard's reversible answer to an attack; staff lift it).
-- 2. Each outbox row names its audit entry (the coupon's chain position), so the relay publishes an
--    event only when its payload still matches that hash-chained entry. Rows written before version
--    3 have none and are relayed as before.

ALTER TABLE coupon DROP CONSTRAINT coupon_status_check;
ALTER TABLE coupon ADD CONSTRAINT coupon_status_check CHECK (status IN ('DRAFT', 'ACTIVE', 'SUSPENDED', 'DISABLED'));

ALTER TABLE coupon_outbox ADD COLUMN audit_pos BIGINT;
