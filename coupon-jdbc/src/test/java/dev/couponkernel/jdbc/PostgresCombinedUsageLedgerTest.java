package dev.couponkernel.jdbc;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.UsageLedgerContract;

/**
 * The JDBC storage on Postgres with concurrent writes combined per coupon runs the whole
 * {@link UsageLedgerContract}: its concurrent checks are where operations get combined.
 */
class PostgresCombinedUsageLedgerTest extends UsageLedgerContract {

    @Override
    protected CouponStorage newStorage() {
        return JdbcCouponStorage.builder(Databases.postgres()).combineConcurrentWrites(64).build();
    }
}
