/**
 * The storage SPI on Jakarta Persistence: {@link dev.couponkernel.jpa.JpaCouponStorage}, the
 * entities to add to a persistence unit ({@link dev.couponkernel.jpa.CouponEntities}), and a
 * ready-made unit ({@link dev.couponkernel.jpa.CouponPersistenceUnit}). See {@code docs/jpa.md}.
 */
package dev.couponkernel.jpa;
