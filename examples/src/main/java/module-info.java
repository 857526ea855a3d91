/** The runnable examples: a host of the library, as a named module that reads only exported packages. */
module dev.couponkernel.examples {
    requires dev.couponkernel.core;
}
