/** The cart and the customer as the host's authoritative sources describe them. */
package dev.couponkernel.spi.cart;
