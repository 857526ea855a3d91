/**
 * Coupon Kernel on Micrometer: an instrumented kernel (an observation per command, timed by
 * Micrometer's meter handler, traced by a tracing handler), fraud verdict counters, and the JDBC
 * storage's meters. Usable without Spring; the Spring Boot starter registers it.
 */
module dev.couponkernel.micrometer {
    requires transitive dev.couponkernel.core;
    requires transitive micrometer.core;
    requires transitive micrometer.observation;
    requires static dev.couponkernel.jdbc;

    exports dev.couponkernel.micrometer;
}
