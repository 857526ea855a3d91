/**
 * The exception tree: one unchecked root, {@link dev.couponkernel.spi.error.CouponKernelException},
 * with a category per kind of failure. Business rejections are values, never exceptions.
 */
package dev.couponkernel.spi.error;
