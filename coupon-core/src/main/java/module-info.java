/**
 * Coupon Kernel core: the coupon aggregate, eligibility, discount calculation and allocation,
 * stacking, fraud prevention and the use cases. Depends on the SPI and slf4j-api only.
 */
module dev.couponkernel.core {
    requires transitive dev.couponkernel.spi;
    requires org.slf4j;

    exports dev.couponkernel.core;
    exports dev.couponkernel.core.saga;
    exports dev.couponkernel.core.coupon;
    exports dev.couponkernel.core.eligibility;
    exports dev.couponkernel.core.pricing;
    exports dev.couponkernel.core.storage;
    exports dev.couponkernel.core.fraud;
    exports dev.couponkernel.core.campaign;
    // the JSON wire format, written once for the Jackson 2 and Jackson 3 modules
    exports dev.couponkernel.core.internal.wire to dev.couponkernel.jackson, dev.couponkernel.jackson3;
}
