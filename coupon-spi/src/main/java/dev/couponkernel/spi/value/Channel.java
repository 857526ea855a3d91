package dev.couponkernel.spi.value;

import dev.couponkernel.spi.internal.Checks;

/**
 * The sales channel of a request, for example {@code "web"} or {@code "app"}; coupons can be limited to channels.
 *
 * <p>Any non-blank text of at most 128 characters without control characters. Immutable and thread-safe.
 *
 * @param value the identifier as text
 */
public record Channel(String value) implements Comparable<Channel> {

    /**
     * Validates the identifier.
     *
     * @param value the identifier as text
     */
    public Channel {
        Checks.text(value, "channel", 128);
    }

    /**
     * Returns the identifier for a text.
     *
     * @param value the identifier as text
     * @return the identifier
     * @throws dev.couponkernel.spi.error.InvalidInputException if the text is blank, too long or holds control characters
     */
    public static Channel of(String value) {
        return new Channel(value);
    }

    @Override
    public int compareTo(Channel other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
