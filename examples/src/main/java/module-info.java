/**
 * The runnable examples: a host of the library (the walk-through and a REST adapter), as a named
 * module that reads only exported packages.
 */
module dev.couponkernel.examples {
    requires dev.couponkernel.core;
    requires dev.couponkernel.jdbc;
    requires dev.couponkernel.csv;
    requires dev.couponkernel.jackson;
    requires jdk.httpserver;
    requires com.zaxxer.hikari;

    exports dev.couponkernel.examples;
    exports dev.couponkernel.examples.rest;
}
