/**
 * Pricing: the engine, its request and its decision with applied coupons, per-line allocations and
 * rejections with reasons.
 */
package dev.couponkernel.core.pricing;
