-- Coupon Kernel schema, version 1, PostgreSQL.
-- Flyway can run this file as is (location: classpath:db/couponkernel/postgresql);
-- SchemaInstaller runs it for hosts without Flyway.

CREATE TABLE coupon (
    id                VARCHAR(128) PRIMARY KEY,
    code              VARCHAR(32)  NOT NULL UNIQUE,
    status            VARCHAR(16)  NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'DISABLED')),
    discount_type     VARCHAR(16)  NOT NULL CHECK (discount_type IN ('PERCENT', 'FIXED', 'SHIPPING')),
    valid_from        TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_until       TIMESTAMP WITH TIME ZONE,
    max_total_uses    BIGINT CHECK (max_total_uses >= 1),
    max_uses_per_user BIGINT CHECK (max_uses_per_user >= 1),
    definition        TEXT         NOT NULL,
    version           BIGINT       NOT NULL CHECK (version >= 1),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CHECK (valid_until IS NULL OR valid_until > valid_from),
    CHECK (max_uses_per_user IS NULL OR max_total_uses IS NULL OR max_uses_per_user <= max_total_uses),
    CHECK (updated_at >= created_at)
);

-- The ledger's count and held limits per coupon: the row a lock updates conditionally.
CREATE TABLE coupon_counter (
    coupon_id         VARCHAR(128) PRIMARY KEY REFERENCES coupon (id),
    max_total_uses    BIGINT CHECK (max_total_uses >= 1),
    max_uses_per_user BIGINT CHECK (max_uses_per_user >= 1),
    used              BIGINT NOT NULL CHECK (used >= 0),
    CHECK (max_total_uses IS NULL OR used <= max_total_uses)
);

CREATE TABLE coupon_user_counter (
    coupon_id VARCHAR(128) NOT NULL REFERENCES coupon (id),
    user_id   VARCHAR(128) NOT NULL,
    used      BIGINT       NOT NULL CHECK (used >= 0),
    PRIMARY KEY (coupon_id, user_id)
);

CREATE TABLE coupon_usage (
    id             VARCHAR(64)  PRIMARY KEY,
    coupon_id      VARCHAR(128) NOT NULL REFERENCES coupon (id),
    code           VARCHAR(32)  NOT NULL,
    user_id        VARCHAR(128) NOT NULL,
    checkout_id    VARCHAR(128) NOT NULL,
    status         VARCHAR(16)  NOT NULL CHECK (status IN ('LOCKED', 'REDEEMED', 'RELEASED')),
    locked_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    order_id       VARCHAR(128),
    closed_at      TIMESTAMP WITH TIME ZONE,
    release_reason VARCHAR(512),
    UNIQUE (coupon_id, checkout_id),
    CHECK (expires_at > locked_at),
    CHECK ((status = 'REDEEMED') = (order_id IS NOT NULL)),
    CHECK ((status = 'LOCKED') = (closed_at IS NULL)),
    CHECK ((status = 'RELEASED') = (release_reason IS NOT NULL))
);
CREATE INDEX coupon_usage_checkout ON coupon_usage (checkout_id);
CREATE INDEX coupon_usage_expiry ON coupon_usage (expires_at) WHERE status = 'LOCKED';

-- One row per checkout that locked, redeemed or released: every ledger operation on a checkout
-- locks this row first, so operations on one checkout serialize. A checkout redeemed or released
-- is closed: no lock is ever taken for it again.
CREATE TABLE coupon_checkout (
    checkout_id VARCHAR(128) PRIMARY KEY,
    closed_at   TIMESTAMP WITH TIME ZONE
);

CREATE TABLE coupon_audit (
    seq       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    coupon_id VARCHAR(128)  NOT NULL,
    usage_id  VARCHAR(64),
    action    VARCHAR(32)   NOT NULL,
    actor     VARCHAR(128)  NOT NULL,
    reason    VARCHAR(512),
    detail    VARCHAR(1024) NOT NULL,
    at        TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the coupon's hash chain: position in it, the previous entry's hash, this entry's hash
    chain_pos BIGINT        NOT NULL CHECK (chain_pos >= 1),
    prev_hash CHAR(64)      NOT NULL,
    hash      CHAR(64)      NOT NULL,
    UNIQUE (coupon_id, chain_pos)
);
CREATE INDEX coupon_audit_coupon ON coupon_audit (coupon_id, seq);
CREATE INDEX coupon_audit_usage ON coupon_audit (usage_id, seq);

-- The head of each coupon's chain: how many entries it has and the last one's hash. Appending locks
-- this row, so a coupon's entries (and its outbox events) are written one at a time, in order; a
-- removed last entry is found because the head still counts it.
CREATE TABLE coupon_audit_head (
    coupon_id VARCHAR(128) PRIMARY KEY,
    entries   BIGINT       NOT NULL CHECK (entries >= 1),
    last_hash CHAR(64)     NOT NULL
);

-- The audit trail is append-only in the database itself.
CREATE FUNCTION coupon_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'coupon_audit is append-only: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER coupon_audit_no_change BEFORE UPDATE OR DELETE ON coupon_audit
    FOR EACH ROW EXECUTE FUNCTION coupon_audit_append_only();
CREATE TRIGGER coupon_audit_no_truncate BEFORE TRUNCATE ON coupon_audit
    FOR EACH STATEMENT EXECUTE FUNCTION coupon_audit_append_only();

CREATE TABLE coupon_outbox (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     VARCHAR(64)  NOT NULL UNIQUE,
    event_type   VARCHAR(64)  NOT NULL,
    coupon_id    VARCHAR(128) NOT NULL,
    partition_no INTEGER      NOT NULL CHECK (partition_no BETWEEN 0 AND 15),
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    payload      TEXT         NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX coupon_outbox_pending ON coupon_outbox (partition_no, seq) WHERE published_at IS NULL;

-- The relay claims a partition by locking its row for the length of one batch: events of one coupon
-- are always in one partition, so one relay at a time publishes them, in order.
CREATE TABLE coupon_outbox_partition (
    partition_no INTEGER PRIMARY KEY CHECK (partition_no BETWEEN 0 AND 15)
);
INSERT INTO coupon_outbox_partition (partition_no)
    VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15);

-- Read models, written in the transaction of the change they reflect; JdbcReadModels.rebuild()
-- derives the same rows from the tables above.

-- Active coupons by code: what checkout looks up.
CREATE TABLE coupon_active_code (
    code          VARCHAR(32)  PRIMARY KEY,
    coupon_id     VARCHAR(128) NOT NULL UNIQUE REFERENCES coupon (id),
    discount_type VARCHAR(16)  NOT NULL,
    valid_from    TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_until   TIMESTAMP WITH TIME ZONE,
    version       BIGINT       NOT NULL
);

-- Each customer's usage of each coupon.
CREATE TABLE coupon_user_usage (
    user_id   VARCHAR(128) NOT NULL,
    coupon_id VARCHAR(128) NOT NULL,
    locked    BIGINT       NOT NULL CHECK (locked >= 0),
    redeemed  BIGINT       NOT NULL CHECK (redeemed >= 0),
    released  BIGINT       NOT NULL CHECK (released >= 0),
    last_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (coupon_id, user_id),
    FOREIGN KEY (coupon_id) REFERENCES coupon (id)
);
CREATE INDEX coupon_user_usage_user ON coupon_user_usage (user_id);

-- Coupons scoped to a seller, for each seller in the scope.
CREATE TABLE coupon_seller (
    seller_id VARCHAR(128) NOT NULL,
    coupon_id VARCHAR(128) NOT NULL REFERENCES coupon (id),
    code      VARCHAR(32)  NOT NULL,
    status    VARCHAR(16)  NOT NULL,
    PRIMARY KEY (seller_id, coupon_id)
);
