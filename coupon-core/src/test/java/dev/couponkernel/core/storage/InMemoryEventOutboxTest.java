package dev.couponkernel.core.storage;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.EventOutboxContract;

/** The in-memory storage runs the whole {@link EventOutboxContract}. */
class InMemoryEventOutboxTest extends EventOutboxContract {

    @Override
    protected CouponStorage newStorage() {
        return InMemoryCouponStorage.create();
    }
}
