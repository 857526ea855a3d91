package dev.couponkernel.jdbc.internal;

import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.error.InvalidInputException;

/**
 * Sizes the storage accepts, checked before the database is touched. Every other stored text is
 * bounded by its value type (ids and actors 128 characters, codes 32, reasons 512), which the
 * columns match; what can grow without bound is a definition's scope and audience lists. Stateless.
 */
public final class SizeLimits {

    /** The longest stored definition text, in characters. */
    public static final int MAX_DEFINITION_CHARS = 262_144;

    private SizeLimits() {}

    /**
     * Encodes a definition for storage, refusing one too large to store.
     *
     * @param definition a definition
     * @return its stored text
     * @throws InvalidInputException if the text is longer than {@link #MAX_DEFINITION_CHARS}
     */
    public static String definition(CouponDefinition definition) {
        String text = Codecs.encode(definition);
        if (text.length() > MAX_DEFINITION_CHARS) {
            throw new InvalidInputException("definition", "coupon " + definition.code() + " encodes to " + text.length()
                    + " characters, more than the " + MAX_DEFINITION_CHARS + " a stored coupon may hold: its scope or"
                    + " audience lists (SKUs, categories, sellers, segments, channels) are too long; scope by category or"
                    + " split the coupon");
        }
        return text;
    }
}
