package dev.couponkernel.jpa;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.UsageLedgerContract;

/** The JPA storage (Hibernate ORM) on PostgreSQL runs the whole {@link UsageLedgerContract}. */
class JpaPostgresUsageLedgerTest extends UsageLedgerContract {

    @Override
    protected CouponStorage newStorage() {
        return JpaCouponStorage.on(JpaDatabases.postgres());
    }
}
