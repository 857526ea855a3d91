/**
 * The entity mappings of coupon-jdbc's tables, one entity per table, named {@code Ck...} so that they
 * cannot clash with a host's own entity names. Add {@link dev.couponkernel.jpa.CouponEntities#classNames()}
 * to the host's persistence unit. The storage only persists new rows of them and changes rows with
 * bulk statements; a host should treat them as the library's, read-only.
 */
package dev.couponkernel.jpa.entity;
