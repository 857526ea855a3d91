package dev.couponkernel.spi.value;

import dev.couponkernel.spi.internal.Checks;

/**
 * Identifies an order the host created; a redeemed usage names it.
 *
 * <p>Any non-blank text of at most 128 characters without control characters. Immutable and thread-safe.
 *
 * @param value the identifier as text
 */
public record OrderId(String value) implements Comparable<OrderId> {

    /**
     * Validates the identifier.
     *
     * @param value the identifier as text
     */
    public OrderId {
        Checks.text(value, "orderId", 128);
    }

    /**
     * Returns the identifier for a text.
     *
     * @param value the identifier as text
     * @return the identifier
     * @throws dev.couponkernel.spi.error.InvalidInputException if the text is blank, too long or holds control characters
     */
    public static OrderId of(String value) {
        return new OrderId(value);
    }

    @Override
    public int compareTo(OrderId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
