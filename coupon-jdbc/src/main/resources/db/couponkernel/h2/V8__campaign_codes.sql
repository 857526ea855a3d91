-- Coupon Kernel schema, version 8: campaigns of unique codes.
-- 1. Whether a coupon is a campaign of unique codes, and the per-code limit the ledger holds.
-- 2. The batches that added codes to a campaign: the id makes adding a batch idempotent.
-- 3. Every code a customer can type, in one namespace (the primary key): the shared code of each
--    coupon of one shared code (no batch, its counts unused) and each unique code of a campaign, with
--    its counts. A unique code's "used" changes only while its coupon's counter row is locked; its
--    "redeemed" by a relative update at the redeem.

ALTER TABLE coupon ADD COLUMN unique_codes BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE coupon_counter ADD COLUMN max_uses_per_code BIGINT;
ALTER TABLE coupon_counter ADD CONSTRAINT coupon_counter_per_code CHECK (max_uses_per_code IS NULL OR max_uses_per_code >= 1);

CREATE TABLE coupon_code_batch (
    batch_id   VARCHAR(64)  PRIMARY KEY,
    coupon_id  VARCHAR(128) NOT NULL REFERENCES coupon (id),
    added      BIGINT       NOT NULL CHECK (added >= 0),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE coupon_code (
    code             VARCHAR(32)  PRIMARY KEY,
    coupon_id        VARCHAR(128) NOT NULL REFERENCES coupon (id),
    batch_id         VARCHAR(64),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    used             BIGINT DEFAULT 0 NOT NULL CHECK (used >= 0),
    redeemed         BIGINT DEFAULT 0 NOT NULL CHECK (redeemed >= 0),
    last_locked_at   TIMESTAMP WITH TIME ZONE,
    last_redeemed_at TIMESTAMP WITH TIME ZONE,
    voided_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT coupon_code_counts CHECK (redeemed <= used)
);

-- a campaign's codes in code order: the export and the count
CREATE INDEX coupon_code_by_coupon ON coupon_code (coupon_id, code);

INSERT INTO coupon_code (code, coupon_id, created_at) SELECT code, id, created_at FROM coupon;
