/**
 * Eligibility: whether a coupon may be used for a cart and a customer, as composable policies that
 * answer with a reason code.
 */
package dev.couponkernel.core.eligibility;
