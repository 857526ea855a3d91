package dev.couponkernel.spi.value;

import dev.couponkernel.spi.internal.Checks;

/**
 * Identifies a customer account of the host.
 *
 * <p>Any non-blank text of at most 128 characters without control characters. Immutable and thread-safe.
 *
 * @param value the identifier as text
 */
public record UserId(String value) implements Comparable<UserId> {

    /**
     * Validates the identifier.
     *
     * @param value the identifier as text
     */
    public UserId {
        Checks.text(value, "userId", 128);
    }

    /**
     * Returns the identifier for a text.
     *
     * @param value the identifier as text
     * @return the identifier
     * @throws dev.couponkernel.spi.error.InvalidInputException if the text is blank, too long or holds control characters
     */
    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public int compareTo(UserId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
