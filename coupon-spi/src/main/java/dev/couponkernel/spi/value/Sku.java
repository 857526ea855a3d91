package dev.couponkernel.spi.value;

import dev.couponkernel.spi.internal.Checks;

/**
 * A stock keeping unit: the product a cart line sells.
 *
 * <p>Any non-blank text of at most 128 characters without control characters. Immutable and thread-safe.
 *
 * @param value the identifier as text
 */
public record Sku(String value) implements Comparable<Sku> {

    /**
     * Validates the identifier.
     *
     * @param value the identifier as text
     */
    public Sku {
        Checks.text(value, "sku", 128);
    }

    /**
     * Returns the identifier for a text.
     *
     * @param value the identifier as text
     * @return the identifier
     * @throws dev.couponkernel.spi.error.InvalidInputException if the text is blank, too long or holds control characters
     */
    public static Sku of(String value) {
        return new Sku(value);
    }

    @Override
    public int compareTo(Sku other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
