package dev.couponkernel.spi.value;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import java.util.Locale;

/**
 * What a customer types, normalized: surrounding white space is trimmed and letters are upper-cased,
 * so {@code " summer10 "} and {@code "SUMMER10"} are the same code.
 *
 * <p>After normalization a code is {@value #MIN_LENGTH} to {@value #MAX_LENGTH} characters from
 * {@code A-Z}, {@code 0-9}, {@code -} and {@code _}. Anything else is refused with a message that names
 * the offending character and its position. Immutable and thread-safe.
 *
 * @param value the normalized code
 */
public record CouponCode(String value) implements Comparable<CouponCode> {

    /** The shortest code accepted. */
    public static final int MIN_LENGTH = 3;
    /** The longest code accepted. */
    public static final int MAX_LENGTH = 32;

    /** Checks that the value is already normalized and well-formed; use {@link #parse(String)} for raw input. */
    public CouponCode {
        Checks.notNull(value, "couponCode");
        String normalized = normalize(value);
        if (!normalized.equals(value)) {
            throw new InvalidInputException("couponCode", "'" + value + "' is not normalized; use CouponCode.parse");
        }
    }

    /**
     * Normalizes and validates what a customer typed.
     *
     * @param raw the code as typed
     * @return the normalized code
     * @throws InvalidInputException if the code is empty, too short, too long or holds a character outside the charset
     */
    public static CouponCode parse(String raw) {
        return new CouponCode(normalize(Checks.notNull(raw, "couponCode")));
    }

    private static String normalize(String raw) {
        String trimmed = raw.strip().toUpperCase(Locale.ROOT);
        if (trimmed.length() < MIN_LENGTH || trimmed.length() > MAX_LENGTH) {
            throw new InvalidInputException(
                    "couponCode",
                    "'" + printable(raw) + "' has " + trimmed.length() + " characters; a code has " + MIN_LENGTH
                            + " to " + MAX_LENGTH);
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!allowed) {
                throw new InvalidInputException(
                        "couponCode",
                        "'" + printable(raw) + "' contains " + describe(c) + " at position " + (i + 1)
                                + "; allowed are A-Z, 0-9, '-' and '_'");
            }
        }
        return trimmed;
    }

    private static String describe(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c)
                ? String.format("U+%04X", (int) c)
                : "'" + c + "'";
    }

    private static String printable(String raw) {
        String cut = raw.length() > 40 ? raw.substring(0, 40) + "..." : raw;
        StringBuilder sb = new StringBuilder(cut.length());
        for (char c : cut.toCharArray()) {
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return sb.toString();
    }

    @Override
    public int compareTo(CouponCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
