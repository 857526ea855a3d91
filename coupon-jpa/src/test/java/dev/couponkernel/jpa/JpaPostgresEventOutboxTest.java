package dev.couponkernel.jpa;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.EventOutboxContract;

/** The JPA storage (Hibernate ORM) on PostgreSQL runs the whole {@link EventOutboxContract}. */
class JpaPostgresEventOutboxTest extends EventOutboxContract {

    @Override
    protected CouponStorage newStorage() {
        return JpaCouponStorage.on(JpaDatabases.postgres());
    }
}
