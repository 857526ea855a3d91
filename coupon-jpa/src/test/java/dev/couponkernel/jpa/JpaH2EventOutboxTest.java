package dev.couponkernel.jpa;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.EventOutboxContract;

/** The JPA storage (Hibernate ORM) on H2 runs the whole {@link EventOutboxContract}. */
class JpaH2EventOutboxTest extends EventOutboxContract {

    @Override
    protected CouponStorage newStorage() {
        return JpaCouponStorage.on(JpaDatabases.h2());
    }
}
