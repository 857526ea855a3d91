/**
 * The kernel's entry point, {@link dev.couponkernel.core.CouponKernel}, and the requests and results
 * of its use cases.
 */
package dev.couponkernel.core;
