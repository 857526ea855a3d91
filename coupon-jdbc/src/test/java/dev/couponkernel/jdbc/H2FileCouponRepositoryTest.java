package dev.couponkernel.jdbc;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.CouponRepositoryContract;

/** The JDBC storage on H2File runs the whole {@link CouponRepositoryContract}. */
class H2FileCouponRepositoryTest extends CouponRepositoryContract {

    @Override
    protected CouponStorage newStorage() {
        return Databases.storage(Databases.h2File());
    }
}
