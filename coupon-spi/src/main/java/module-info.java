/**
 * Coupon Kernel SPI: value types, coupon definitions, carts, events and the contracts stores
 * implement. Depends on nothing but the JDK.
 */
module dev.couponkernel.spi {
    exports dev.couponkernel.spi.error;
    exports dev.couponkernel.spi.value;
    exports dev.couponkernel.spi.coupon;
    exports dev.couponkernel.spi.cart;
    exports dev.couponkernel.spi.event;
    exports dev.couponkernel.spi.store;
    exports dev.couponkernel.spi.ledger;
    exports dev.couponkernel.spi.port;
    exports dev.couponkernel.spi.fraud;
    exports dev.couponkernel.spi.internal to dev.couponkernel.core, dev.couponkernel.jdbc, dev.couponkernel.jpa,
            dev.couponkernel.jackson;
    // the one writer of the JSON shape, for the JSON module and the stores' stored form
    exports dev.couponkernel.spi.internal.wire to dev.couponkernel.core, dev.couponkernel.jdbc, dev.couponkernel.jackson,
            dev.couponkernel.jackson3;
}
