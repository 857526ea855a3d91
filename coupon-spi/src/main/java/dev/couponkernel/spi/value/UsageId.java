package dev.couponkernel.spi.value;

import dev.couponkernel.spi.internal.Checks;

/**
 * Identifies one usage of a coupon, assigned by the usage ledger when it locks the usage.
 *
 * <p>Any non-blank text of at most 128 characters without control characters. Immutable and thread-safe.
 *
 * @param value the identifier as text
 */
public record UsageId(String value) implements Comparable<UsageId> {

    /**
     * Validates the identifier.
     *
     * @param value the identifier as text
     */
    public UsageId {
        Checks.text(value, "usageId", 128);
    }

    /**
     * Returns the identifier for a text.
     *
     * @param value the identifier as text
     * @return the identifier
     */
    public static UsageId of(String value) {
        return new UsageId(value);
    }

    @Override
    public int compareTo(UsageId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
