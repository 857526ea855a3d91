package dev.couponkernel.jpa;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.CouponRepositoryContract;

/** The JPA storage (Hibernate ORM) on H2 runs the whole {@link CouponRepositoryContract}. */
class JpaH2CouponRepositoryTest extends CouponRepositoryContract {

    @Override
    protected CouponStorage newStorage() {
        return JpaCouponStorage.on(JpaDatabases.h2());
    }
}
