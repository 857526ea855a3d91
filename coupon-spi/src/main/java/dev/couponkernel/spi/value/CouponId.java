package dev.couponkernel.spi.value;

import dev.couponkernel.spi.internal.Checks;

/**
 * Identifies a coupon, independently of its code.
 *
 * <p>Any non-blank text of at most 128 characters without control characters. Immutable and thread-safe.
 *
 * @param value the identifier as text
 */
public record CouponId(String value) implements Comparable<CouponId> {

    /**
     * Validates the identifier.
     *
     * @param value the identifier as text
     */
    public CouponId {
        Checks.text(value, "couponId", 128);
    }

    /**
     * Returns the identifier for a text.
     *
     * @param value the identifier as text
     * @return the identifier
     * @throws dev.couponkernel.spi.error.InvalidInputException if the text is blank, too long or holds control characters
     */
    public static CouponId of(String value) {
        return new CouponId(value);
    }

    @Override
    public int compareTo(CouponId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
