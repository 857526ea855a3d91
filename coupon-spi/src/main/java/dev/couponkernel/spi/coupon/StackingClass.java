package dev.couponkernel.spi.coupon;

/**
 * What part of the price a coupon discounts. Coupons apply in this order: product coupons first,
 * then order coupons on what product coupons left, then shipping coupons.
 */
public enum StackingClass {
    /** A discount on selected products (a scope of SKUs, categories or sellers). */
    PRODUCT,
    /** A discount on the whole order's merchandise. */
    ORDER,
    /** A discount on shipping. */
    SHIPPING
}
