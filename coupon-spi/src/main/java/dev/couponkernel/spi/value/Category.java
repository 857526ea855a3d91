package dev.couponkernel.spi.value;

import dev.couponkernel.spi.internal.Checks;

/**
 * A product category a cart line belongs to; coupons can include or exclude categories.
 *
 * <p>Any non-blank text of at most 128 characters without control characters. Immutable and thread-safe.
 *
 * @param value the identifier as text
 */
public record Category(String value) implements Comparable<Category> {

    /**
     * Validates the identifier.
     *
     * @param value the identifier as text
     */
    public Category {
        Checks.text(value, "category", 128);
    }

    /**
     * Returns the identifier for a text.
     *
     * @param value the identifier as text
     * @return the identifier
     * @throws dev.couponkernel.spi.error.InvalidInputException if the text is blank, too long or holds control characters
     */
    public static Category of(String value) {
        return new Category(value);
    }

    @Override
    public int compareTo(Category other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
