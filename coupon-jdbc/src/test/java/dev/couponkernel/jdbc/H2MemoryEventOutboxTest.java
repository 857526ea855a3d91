package dev.couponkernel.jdbc;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.EventOutboxContract;

/** The JDBC storage on H2Memory runs the whole {@link EventOutboxContract}. */
class H2MemoryEventOutboxTest extends EventOutboxContract {

    @Override
    protected CouponStorage newStorage() {
        return Databases.storage(Databases.h2Memory());
    }
}
