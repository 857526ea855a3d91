package dev.couponkernel.spi.value;

import dev.couponkernel.spi.internal.Checks;

/**
 * Identifies a cart in the host's cart source.
 *
 * <p>Any non-blank text of at most 128 characters without control characters. Immutable and thread-safe.
 *
 * @param value the identifier as text
 */
public record CartId(String value) implements Comparable<CartId> {

    /**
     * Validates the identifier.
     *
     * @param value the identifier as text
     */
    public CartId {
        Checks.text(value, "cartId", 128);
    }

    /**
     * Returns the identifier for a text.
     *
     * @param value the identifier as text
     * @return the identifier
     * @throws dev.couponkernel.spi.error.InvalidInputException if the text is blank, too long or holds control characters
     */
    public static CartId of(String value) {
        return new CartId(value);
    }

    @Override
    public int compareTo(CartId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
