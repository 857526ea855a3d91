/** The coupon aggregate and its lifecycle. */
package dev.couponkernel.core.coupon;
