package dev.couponkernel.spi.store;

/**
 * The stores of one backend, which share its atomic units: a coupon change or a usage change, its
 * audit entry and its event are stored together or not at all. The kernel takes one {@code
 * CouponStorage}; {@code InMemoryCouponStorage} in the core and the JDBC storage implement it.
 *
 * <p>Implementations must be thread-safe.
 */
public interface CouponStorage {

    /** @return the coupons */
    CouponRepository coupons();

    /** @return the usage ledger */
    UsageLedger ledger();

    /** @return the audit trail */
    AuditTrail audit();

    /** @return the event outbox */
    EventOutbox outbox();

    /** @return the unique codes of campaigns */
    CodeStore codes();
}
