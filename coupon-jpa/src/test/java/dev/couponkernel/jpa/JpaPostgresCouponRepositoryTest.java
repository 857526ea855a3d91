package dev.couponkernel.jpa;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.CouponRepositoryContract;

/** The JPA storage (Hibernate ORM) on PostgreSQL runs the whole {@link CouponRepositoryContract}. */
class JpaPostgresCouponRepositoryTest extends CouponRepositoryContract {

    @Override
    protected CouponStorage newStorage() {
        return JpaCouponStorage.on(JpaDatabases.postgres());
    }
}
