-- Coupon Kernel schema, version 2, H2: the fraud guard's attempt log.
-- Every validate and apply attempt, valid or not, one row per distinct typed code. Append-only apart
-- from the retention purge (JdbcAttemptLog.purge). The signals read it by subject and time.

CREATE TABLE coupon_attempt (
    seq                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    kind               VARCHAR(16)  NOT NULL CHECK (kind IN ('VALIDATE', 'APPLY')),
    code_typed         VARCHAR(64)  NOT NULL,
    user_id            VARCHAR(128) NOT NULL,
    account_created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    device             VARCHAR(256),
    ip                 VARCHAR(256),
    payment            VARCHAR(256),
    cart_value         VARCHAR(40)  NOT NULL,
    coupon_id          VARCHAR(128),
    outcome            VARCHAR(16)  NOT NULL CHECK (outcome IN ('ACCEPTED', 'REJECTED', 'BLOCKED')),
    reason             VARCHAR(32),
    score              INTEGER      NOT NULL CHECK (score BETWEEN 0 AND 100),
    decision           VARCHAR(16)  NOT NULL CHECK (decision IN ('ALLOW', 'REVIEW', 'BLOCK')),
    signals            TEXT         NOT NULL,
    CHECK ((outcome = 'ACCEPTED') = (reason IS NULL)),
    CHECK ((outcome = 'BLOCKED') = (decision = 'BLOCK'))
);
CREATE INDEX coupon_attempt_user ON coupon_attempt (user_id, at);
CREATE INDEX coupon_attempt_device ON coupon_attempt (device, at);
CREATE INDEX coupon_attempt_ip ON coupon_attempt (ip, at);
CREATE INDEX coupon_attempt_payment ON coupon_attempt (payment, at);
CREATE INDEX coupon_attempt_coupon ON coupon_attempt (coupon_id, at);
CREATE INDEX coupon_attempt_at ON coupon_attempt (at);
