package dev.couponkernel.core.storage;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.AuditTrailContract;

/** The in-memory storage runs the whole {@link AuditTrailContract}. */
class InMemoryAuditTrailTest extends AuditTrailContract {

    @Override
    protected CouponStorage newStorage() {
        return InMemoryCouponStorage.create();
    }
}
