/**
 * What a coupon is, as data: its definition (discount, stacking, eligibility, validity, limits), its
 * lifecycle status, the record a store keeps, and the reasons a coupon can be rejected. The rules
 * that evaluate these live in the kernel; stores only keep them.
 */
package dev.couponkernel.spi.coupon;
