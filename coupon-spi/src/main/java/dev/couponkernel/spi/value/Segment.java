package dev.couponkernel.spi.value;

import dev.couponkernel.spi.internal.Checks;

/**
 * A customer segment the host assigns, for example {@code "vip"}; coupons can be limited to segments.
 *
 * <p>Any non-blank text of at most 128 characters without control characters. Immutable and thread-safe.
 *
 * @param value the identifier as text
 */
public record Segment(String value) implements Comparable<Segment> {

    /**
     * Validates the identifier.
     *
     * @param value the identifier as text
     */
    public Segment {
        Checks.text(value, "segment", 128);
    }

    /**
     * Returns the identifier for a text.
     *
     * @param value the identifier as text
     * @return the identifier
     * @throws dev.couponkernel.spi.error.InvalidInputException if the text is blank, too long or holds control characters
     */
    public static Segment of(String value) {
        return new Segment(value);
    }

    @Override
    public int compareTo(Segment other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
