/**
 * Coupon Kernel JSON: a Jackson 2 module mapping the kernel's commands, results, pricing requests
 * and decisions, events and value objects to a strict, versioned wire format. The core knows
 * nothing of Jackson; everything lives here.
 */
module dev.couponkernel.jackson {
    requires transitive dev.couponkernel.core;
    requires transitive com.fasterxml.jackson.databind;

    exports dev.couponkernel.jackson;

    provides com.fasterxml.jackson.databind.Module with dev.couponkernel.jackson.CouponKernelModule;
}
