package dev.couponkernel.core.storage;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.UsageLedgerStateProperties;

/** The in-memory storage runs the whole {@link UsageLedgerStateProperties}. */
class InMemoryUsageLedgerStateProperties extends UsageLedgerStateProperties {

    @Override
    protected CouponStorage newStorage() {
        return InMemoryCouponStorage.create();
    }
}
