package dev.couponkernel.jdbc;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.UsageLedgerContract;

/** The JDBC storage on H2File runs the whole {@link UsageLedgerContract}. */
class H2FileUsageLedgerTest extends UsageLedgerContract {

    @Override
    protected CouponStorage newStorage() {
        return Databases.storage(Databases.h2File());
    }
}
