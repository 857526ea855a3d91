package dev.couponkernel.jdbc;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.EventOutboxContract;

/** The JDBC storage on Postgres runs the whole {@link EventOutboxContract}. */
class PostgresEventOutboxTest extends EventOutboxContract {

    @Override
    protected CouponStorage newStorage() {
        return Databases.storage(Databases.postgres());
    }
}
