package dev.couponkernel.spi.value;

import dev.couponkernel.spi.internal.Checks;

/**
 * Identifies one checkout attempt; it is the idempotency key of lock, redeem and release.
 *
 * <p>Any non-blank text of at most 128 characters without control characters. Immutable and thread-safe.
 *
 * @param value the identifier as text
 */
public record CheckoutId(String value) implements Comparable<CheckoutId> {

    /**
     * Validates the identifier.
     *
     * @param value the identifier as text
     */
    public CheckoutId {
        Checks.text(value, "checkoutId", 128);
    }

    /**
     * Returns the identifier for a text.
     *
     * @param value the identifier as text
     * @return the identifier
     * @throws dev.couponkernel.spi.error.InvalidInputException if the text is blank, too long or holds control characters
     */
    public static CheckoutId of(String value) {
        return new CheckoutId(value);
    }

    @Override
    public int compareTo(CheckoutId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
