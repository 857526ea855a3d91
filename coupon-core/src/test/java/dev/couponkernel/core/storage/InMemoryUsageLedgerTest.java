package dev.couponkernel.core.storage;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.UsageLedgerContract;

/** The in-memory storage runs the whole {@link UsageLedgerContract}. */
// tag::ledger-contract[]
class InMemoryUsageLedgerTest extends UsageLedgerContract {

    @Override
    protected CouponStorage newStorage() {
        return InMemoryCouponStorage.create();
    }
}
// end::ledger-contract[]
