/** The checkout saga: host checkout messages in, coupon locks redeemed or released, every case defined. */
package dev.couponkernel.core.saga;
