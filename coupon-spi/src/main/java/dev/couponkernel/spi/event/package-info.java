/** Domain events: facts about coupons and usages, published only after the change they describe. */
package dev.couponkernel.spi.event;
