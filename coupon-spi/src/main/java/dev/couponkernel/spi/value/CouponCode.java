package dev.couponkernel.spi.value;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;

/**
 * What a customer types, normalized: surrounding white space is trimmed and ASCII letters are
 * upper-cased, so {@code " summer10 "} and {@code "SUMMER10"} are the same code. Any other letter is
 * refused rather than folded (a dotless {@code ı} is not an {@code I}).
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

    /**
     * Checks that the value is already normalized and well-formed; use {@link #parse(String)} for raw input.
     *
     * @param value the normalized code
     */
    public CouponCode {
        Checks.notNull(value, "couponCode");
        String normalized = normalize(value);
        if (!normalized.equals(value)) {
            throw new InvalidInputException("couponCode", "'" + Checks.quote(value) + "' is not normalized; use CouponCode.parse");
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

    /**
     * Checks each character before upper-casing: only ASCII letters, digits, '-' and '_' are kept,
     * so a non-ASCII letter that upper-cases to ASCII (dotless i, long s, the ff ligature) is refused
     * instead of being folded into another code.
     */
    private static String normalize(String raw) {
        if (raw.length() > MAX_RAW_LENGTH) {
            throw new InvalidInputException(
                    "couponCode", "'" + Checks.quote(raw) + "' has " + raw.length() + " characters; a code has "
                            + MIN_LENGTH + " to " + MAX_LENGTH);
        }
        if (isNormalized(raw)) {
            return raw; // the common case (a stored code, a code typed in capitals): no copy
        }
        String trimmed = raw.strip();
        if (trimmed.length() < MIN_LENGTH || trimmed.length() > MAX_LENGTH) {
            throw new InvalidInputException(
                    "couponCode",
                    "'" + Checks.quote(raw) + "' has " + trimmed.length() + " characters; a code has " + MIN_LENGTH
                            + " to " + MAX_LENGTH);
        }
        char[] chars = new char[trimmed.length()];
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            boolean allowed = isAllowed(c);
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - 'a' + 'A');
            } else if (!allowed) {
                throw new InvalidInputException(
                        "couponCode",
                        "'" + Checks.quote(raw) + "' contains " + describe(c) + " at position " + (i + 1)
                                + "; allowed are A-Z, 0-9, '-' and '_'");
            }
            chars[i] = c;
        }
        return new String(chars);
    }

    /** The longest raw text read at all, white space included; longer input is refused unread. */
    private static final int MAX_RAW_LENGTH = 256;

    /** Whether a text is a normalized code as it is: its length in range, only A-Z, 0-9, '-' and '_'. */
    private static boolean isNormalized(String raw) {
        int n = raw.length();
        if (n < MIN_LENGTH || n > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!isAllowed(raw.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a character is one of a normalized code's: A-Z, 0-9, '-' and '_'. */
    private static boolean isAllowed(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static String describe(char c) {
        return c <= 0x20 || c >= 0x7F ? String.format("U+%04X", (int) c) : "'" + c + "'";
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
