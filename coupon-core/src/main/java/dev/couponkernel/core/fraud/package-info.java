/**
 * The fraud guard: built-in signal providers, the combination of their signals into a fraud score,
 * and the ALLOW / REVIEW / BLOCK policy with per-coupon rules and auto-suspension. Pure: no I/O but the
 * attempt log it is given, no logging.
 */
package dev.couponkernel.core.fraud;
