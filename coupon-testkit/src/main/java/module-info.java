/**
 * Coupon Kernel test kit: the contracts a storage implementation runs to prove it keeps the
 * library's guarantees. Extend a contract in your test sources and return your storage.
 */
open module dev.couponkernel.testkit {
    requires transitive dev.couponkernel.spi;
    requires transitive org.junit.jupiter.api;
    requires transitive net.jqwik.api;
    requires transitive org.assertj.core;

    exports dev.couponkernel.testkit;
}
