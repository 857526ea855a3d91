package dev.couponkernel.spi.value;

import dev.couponkernel.spi.internal.Checks;

/**
 * Identifies a seller in a marketplace; coupons can be scoped to sellers.
 *
 * <p>Any non-blank text of at most 128 characters without control characters. Immutable and thread-safe.
 *
 * @param value the identifier as text
 */
public record SellerId(String value) implements Comparable<SellerId> {

    /**
     * Validates the identifier.
     *
     * @param value the identifier as text
     */
    public SellerId {
        Checks.text(value, "sellerId", 128);
    }

    /**
     * Returns the identifier for a text.
     *
     * @param value the identifier as text
     * @return the identifier
     * @throws dev.couponkernel.spi.error.InvalidInputException if the text is blank, too long or holds control characters
     */
    public static SellerId of(String value) {
        return new SellerId(value);
    }

    @Override
    public int compareTo(SellerId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
