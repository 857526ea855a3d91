package dev.couponkernel.core.storage;

import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.testkit.CouponRepositoryContract;

/** The in-memory storage runs the whole {@link CouponRepositoryContract}. */
class InMemoryCouponRepositoryTest extends CouponRepositoryContract {

    @Override
    protected CouponStorage newStorage() {
        return InMemoryCouponStorage.create();
    }
}
