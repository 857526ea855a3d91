/**
 * The runnable examples: a host of the library (the walk-through), as a named
 * module that reads only exported packages.
 */
module dev.couponkernel.examples {
    requires dev.couponkernel.core;
    requires dev.couponkernel.jdbc;
    requires dev.couponkernel.csv;
    requires com.zaxxer.hikari;

    exports dev.couponkernel.examples;
}
