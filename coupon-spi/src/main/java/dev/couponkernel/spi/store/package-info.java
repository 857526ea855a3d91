/**
 * The storage contracts: the coupon repository, the usage ledger (the atomic lock), the append-only
 * audit trail and the event outbox, bundled as a {@link dev.couponkernel.spi.store.CouponStorage}.
 * The {@code coupon-testkit} module states every rule as a test any implementation can run.
 */
package dev.couponkernel.spi.store;
