package dev.couponkernel.jpa;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.AuditTrailContract;

/** The JPA storage (Hibernate ORM) on H2 runs the whole {@link AuditTrailContract}. */
class JpaH2AuditTrailTest extends AuditTrailContract {

    @Override
    protected CouponStorage newStorage() {
        return JpaCouponStorage.on(JpaDatabases.h2());
    }
}
