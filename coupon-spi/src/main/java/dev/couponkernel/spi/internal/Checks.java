package dev.couponkernel.spi.internal;

import dev.couponkernel.spi.error.InvalidInputException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
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

    /** The most characters of a caller's input an error message quotes. */
    public static final int QUOTE_LENGTH = 64;

    /** The earliest instant the kernel accepts anywhere: the start of year 1 (UTC). */
    public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");

    /** The latest instant the kernel accepts anywhere: the end of year 9999 (UTC), to the microsecond. */
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * Fails when {@code value} is null, blank, longer than {@code maxLength}, holds control characters
     * or is not well-formed UTF-16 (a lone surrogate, which databases store as a replacement character
     * and so could merge two different ids).
     */
    public static String text(String value, String field, int maxLength) {
        notNull(value, field);
        if (value.length() > maxLength) {
            throw new InvalidInputException(
                    field, "is " + value.length() + " characters long, at most " + maxLength + " are allowed");
        }
        if (value.isBlank()) {
            throw new InvalidInputException(field, "must not be blank");
        }
        int bad = firstBadChar(value);
        if (bad >= 0) {
            throw new InvalidInputException(field, describeBadChar(value, bad) + " at position " + bad);
        }
        return value;
    }

    /**
     * Returns the index of the first control character or lone surrogate in {@code value}, or -1 when
     * it is well-formed, printable text.
     */
    public static int firstBadChar(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String describeBadChar(String value, int index) {
        char c = value.charAt(index);
        return (Character.isSurrogate(c) ? "contains a lone surrogate " : "contains a control character ")
                + String.format("U+%04X", (int) c);
    }

    /**
     * Returns a caller's text fit to quote in an error message: at most {@value #QUOTE_LENGTH}
     * characters (longer text is cut and ends with "..."), control characters and lone surrogates
     * replaced by '?'.
     */
    public static String quote(String raw) {
        if (raw == null) {
            return "null";
        }
        String cut = raw.length() > QUOTE_LENGTH ? raw.substring(0, QUOTE_LENGTH - 3) + "..." : raw;
        StringBuilder sb = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < cut.length() && Character.isLowSurrogate(cut.charAt(i + 1));
            if (pair) {
                sb.append(c).append(cut.charAt(++i));
            } else {
                sb.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
            }
        }
        return sb.toString();
    }

    /**
     * Fails when {@code value} is null or outside {@link #MIN_INSTANT} to {@link #MAX_INSTANT}, the
     * range every store (H2, PostgreSQL, JPA) holds exactly.
     */
    public static Instant instant(Instant value, String field) {
        notNull(value, field);
        if (value.isBefore(MIN_INSTANT) || value.isAfter(MAX_INSTANT)) {
            throw new InvalidInputException(
                    field, "must be between " + MIN_INSTANT + " and " + MAX_INSTANT + ", was " + value);
        }
        return value;
    }

    /**
     * Returns the elements of a varargs array as an immutable set in their order, failing with {@link
     * InvalidInputException} on a null array, a null element or an element given twice.
     */
    @SafeVarargs
    public static <T> Set<T> distinct(String field, T... values) {
        notNull(values, field);
        Set<T> set = new LinkedHashSet<>();
        for (T value : values) {
            notNull(value, field + " element");
            if (!set.add(value)) {
                throw new InvalidInputException(field, "names " + quote(String.valueOf(value)) + " twice");
            }
        }
        return java.util.Collections.unmodifiableSet(set);
    }

    /** Returns the elements of a varargs array as an immutable list, failing on a null array or a null element. */
    @SafeVarargs
    public static <T> List<T> elements(String field, T... values) {
        notNull(values, field);
        for (T value : values) {
            notNull(value, field + " element");
        }
        return List.of(values);
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
