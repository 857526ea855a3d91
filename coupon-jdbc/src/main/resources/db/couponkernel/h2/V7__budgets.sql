-- Coupon Kernel schema, version 7: money budgets.
-- 1. Each usage keeps the discount its lock said (what a budget reserves), in minor units and currency.
-- 2. A coupon's budget per currency, with what its locked and redeemed usages reserve of it. Every
--    change of a row happens while the coupon's counter row is locked, so the counter orders them.

ALTER TABLE coupon_usage ADD COLUMN discount_minor BIGINT;
ALTER TABLE coupon_usage ADD COLUMN discount_currency VARCHAR(3);
ALTER TABLE coupon_usage ADD CONSTRAINT coupon_usage_discount
    CHECK ((discount_minor IS NULL AND discount_currency IS NULL)
        OR (discount_minor IS NOT NULL AND discount_minor >= 0 AND discount_currency IS NOT NULL));

CREATE TABLE coupon_budget (
    coupon_id    VARCHAR(128) NOT NULL REFERENCES coupon (id),
    currency     VARCHAR(3)   NOT NULL,
    budget_minor BIGINT       NOT NULL CHECK (budget_minor >= 1),
    spent_minor  BIGINT       NOT NULL CHECK (spent_minor >= 0),
    PRIMARY KEY (coupon_id, currency),
    CHECK (spent_minor <= budget_minor)
);
