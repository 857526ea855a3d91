package dev.couponkernel.jdbc;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.CouponRepositoryContract;

/** The JDBC storage on Postgres runs the whole {@link CouponRepositoryContract}. */
class PostgresCouponRepositoryTest extends CouponRepositoryContract {

    @Override
    protected CouponStorage newStorage() {
        return Databases.storage(Databases.postgres());
    }
}
