package dev.couponkernel.jdbc;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.UsageLedgerContract;

/** The JDBC storage on Postgres runs the whole {@link UsageLedgerContract}. */
class PostgresUsageLedgerTest extends UsageLedgerContract {

    @Override
    protected CouponStorage newStorage() {
        return Databases.storage(Databases.postgres());
    }
}
