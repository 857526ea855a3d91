/** Ports the host implements so the kernel reads authoritative carts and customers by id. */
package dev.couponkernel.spi.port;
