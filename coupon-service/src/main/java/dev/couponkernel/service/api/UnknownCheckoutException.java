package dev.couponkernel.service.api;

import dev.couponkernel.spi.value.CheckoutId;

/** A redeem, release or reinstate of a checkout that has no usage: answered 404. */
public final class UnknownCheckoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param checkout the checkout */
    public UnknownCheckoutException(CheckoutId checkout) {
        super("checkout " + checkout.value() + " has no usage");
    }
}
