package dev.couponkernel.jdbc;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.CouponRepositoryContract;

/** The JDBC storage on H2Memory runs the whole {@link CouponRepositoryContract}. */
class H2MemoryCouponRepositoryTest extends CouponRepositoryContract {

    @Override
    protected CouponStorage newStorage() {
        return Databases.storage(Databases.h2Memory());
    }
}
