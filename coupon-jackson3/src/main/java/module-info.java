/**
 * Coupon Kernel JSON on Jackson 3: the same strict, versioned wire format as the Jackson 2 module
 * (coupon-jackson), written and read by the same shared codec. The core knows nothing of Jackson.
 */
module dev.couponkernel.jackson3 {
    requires transitive dev.couponkernel.core;
    requires transitive tools.jackson.databind;

    exports dev.couponkernel.jackson3;

    provides tools.jackson.databind.JacksonModule with dev.couponkernel.jackson3.CouponKernelModule;
}
