/**
 * Value objects that cross the boundary between the host, the kernel and the stores: money, coupon
 * codes, identifiers, percentages, validity periods, usage limits and fraud scores. Each validates on
 * construction and fails with {@link dev.couponkernel.spi.error.InvalidInputException} on bad input.
 */
package dev.couponkernel.spi.value;
