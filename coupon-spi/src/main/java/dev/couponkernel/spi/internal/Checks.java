package dev.couponkernel.spi.internal;

import dev.couponkernel.spi.error.InvalidInputException;
import java.util.Collection;
import java.util.Set;

/** Argument checks shared by the value types. Not part of the API. */
public final class Checks {

    private Checks() {}

    /** Fails with {@link InvalidInputException} when {@code value} is null. */
    public static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        return value;
    }

    /** Fails when {@code value} is null, blank, longer than {@code maxLength} or holds control characters. */
    public static String text(String value, String field, int maxLength) {
        notNull(value, field);
        if (value.isBlank()) {
            throw new InvalidInputException(field, "must not be blank");
        }
        if (value.length() > maxLength) {
            throw new InvalidInputException(
                    field, "is " + value.length() + " characters long, at most " + maxLength + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidInputException(field, "contains a control character at position " + i);
            }
        }
        return value;
    }

    /** Fails when {@code value} is negative. */
    public static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new InvalidInputException(field, "must not be negative, was " + value);
        }
        return value;
    }

    /** Fails when {@code value} is not strictly positive. */
    public static long positive(long value, String field) {
        if (value <= 0) {
            throw new InvalidInputException(field, "must be positive, was " + value);
        }
        return value;
    }

    /** Returns an immutable copy of a set, failing on a null set or a null element. */
    public static <T> Set<T> copyOf(Collection<T> values, String field) {
        notNull(values, field);
        for (T value : values) {
            notNull(value, field + " element");
        }
        return Set.copyOf(values);
    }
}
