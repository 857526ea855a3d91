package dev.couponkernel.jdbc;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.UsageLedgerContract;

/** The JDBC storage on H2Memory runs the whole {@link UsageLedgerContract}. */
class H2MemoryUsageLedgerTest extends UsageLedgerContract {

    @Override
    protected CouponStorage newStorage() {
        return Databases.storage(Databases.h2Memory());
    }
}
