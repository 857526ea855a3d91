package dev.couponkernel.core.campaign;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * The shape of generated codes: a random part of {@code length} characters drawn from a charset,
 * optionally split into groups joined by {@code -}, between a fixed prefix and postfix. {@code
 * CodePattern.builder().prefix("SUMMER-").length(8).groupsOf(4).build()} makes codes such as {@code
 * SUMMER-K7QX-M3TR}. Every code it makes is a valid {@link CouponCode} (at most {@value
 * CouponCode#MAX_LENGTH} characters of {@code A-Z 0-9 - _}).
 *
 * <p>The pattern's {@link #space() space} is {@code charset size ^ length}: the number of codes it
 * can make, and so the number of guesses an attacker needs to try them all. {@link #guessingOdds}
 * says what share of random guesses hits one of the codes issued; a pattern is refused for a batch
 * that would issue more than one code per {@link #guessesPerCode()} possible codes (one per
 * 1,000,000 by default), so a guesser needs on average a million tries per valid code before the
 * fraud guard's enumeration signals (which slow a guesser after a few misses) are even counted.
 *
 * <p>Immutable and thread-safe.
 */
public final class CodePattern {

    /**
     * Upper-case letters and digits without the ones read as each other ({@code 0 O}, {@code 1 I L}):
     * 31 characters, about 4.95 bits per random character. The default.
     */
    public static final String UNAMBIGUOUS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /** Upper-case letters and digits, 36 characters. */
    public static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** Upper-case letters, 26 characters. */
    public static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /** Digits, 10 characters. */
    public static final String DIGITS = "0123456789";

    /** By default, at most one code is issued per this many possible codes. */
    public static final long DEFAULT_GUESSES_PER_CODE = 1_000_000L;

    private final String prefix;
    private final String postfix;
    private final String charset;
    private final int length;
    private final int groupSize;
    private final long guessesPerCode;
    private final BigInteger space;
    private final java.util.regex.Pattern shape;

    private CodePattern(Builder b) {
        this.prefix = b.prefix;
        this.postfix = b.postfix;
        this.charset = b.charset;
        this.length = b.length;
        this.groupSize = b.groupSize;
        this.guessesPerCode = b.guessesPerCode;
        this.space = BigInteger.valueOf(charset.length()).pow(length);
        this.shape = java.util.regex.Pattern.compile(shapeRegex(prefix, postfix, charset, length, groupSize));
        int total = prefix.length() + postfix.length() + length + (groupSize == 0 ? 0 : (length - 1) / groupSize);
        if (total > CouponCode.MAX_LENGTH) {
            throw new InvalidInputException("pattern", "makes codes of " + total + " characters (prefix " + prefix.length()
                    + ", random part " + length + ", group dashes, postfix " + postfix.length() + "); a code has at most "
                    + CouponCode.MAX_LENGTH);
        }
        if (total < CouponCode.MIN_LENGTH) {
            throw new InvalidInputException("pattern", "makes codes of " + total + " characters; a code has at least "
                    + CouponCode.MIN_LENGTH);
        }
    }

    /** prefix, the random characters in groups of {@code groupSize} joined by dashes (the last group may be shorter), postfix */
    private static String shapeRegex(String prefix, String postfix, String charset, int length, int groupSize) {
        String one = "[" + charset + "]";
        StringBuilder regex = new StringBuilder(java.util.regex.Pattern.quote(prefix));
        int size = groupSize == 0 ? length : groupSize;
        for (int done = 0; done < length; done += size) {
            regex.append(done == 0 ? "" : "-").append(one).append('{').append(Math.min(size, length - done)).append('}');
        }
        return regex.append(java.util.regex.Pattern.quote(postfix)).toString();
    }

    /** @return a builder with the defaults: 10 random characters of {@link #UNAMBIGUOUS}, no groups, prefix or postfix */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the fixed text before the random part */
    public String prefix() {
        return prefix;
    }

    /** @return the fixed text after the random part */
    public String postfix() {
        return postfix;
    }

    /** @return the characters the random part is drawn from */
    public String charset() {
        return charset;
    }

    /** @return the number of random characters */
    public int length() {
        return length;
    }

    /** @return the random characters per group, 0 for no groups */
    public int groupSize() {
        return groupSize;
    }

    /** @return the least number of possible codes per issued code this pattern allows */
    public long guessesPerCode() {
        return guessesPerCode;
    }

    /** @return how many different codes the pattern can make: charset size ^ length */
    public BigInteger space() {
        return space;
    }

    /** @return the most codes this pattern may issue in all: {@code space / guessesPerCode} */
    public BigInteger capacity() {
        return space.divide(BigInteger.valueOf(guessesPerCode));
    }

    /**
     * The chance that one random guess of this pattern's shape is a valid code, when {@code issued}
     * codes of it exist: {@code issued / space}.
     *
     * @param issued how many codes of the pattern exist
     * @return the odds, to 6 significant digits
     */
    public BigDecimal guessingOdds(long issued) {
        Checks.nonNegative(issued, "issued");
        return new BigDecimal(issued).divide(new BigDecimal(space), new MathContext(6));
    }

    /**
     * Refuses a batch that would take the pattern past its capacity.
     *
     * @param alreadyIssued codes of this pattern that exist already
     * @param count codes to make now
     * @throws InvalidInputException naming {@code count} with the pattern's space and capacity
     */
    void checkRoomFor(long alreadyIssued, long count) {
        BigInteger after = BigInteger.valueOf(alreadyIssued).add(BigInteger.valueOf(count));
        if (after.compareTo(capacity()) > 0) {
            throw new InvalidInputException("count", count + " codes (with " + alreadyIssued + " issued before) exceed what the"
                    + " pattern may issue: it makes " + space + " codes and allows one per " + guessesPerCode
                    + " of them, so at most " + capacity() + "; use a longer random part or a larger charset");
        }
    }

    /**
     * Builds the code for the {@code n}-th value of the random part's space.
     *
     * @param value a value in {@code [0, space)}
     * @return the code
     */
    CouponCode code(BigInteger value) {
        char[] random = new char[length];
        int radix = charset.length();
        if (value.bitLength() < 63) {
            long v = value.longValue();
            for (int i = length - 1; i >= 0; i--) {
                random[i] = charset.charAt((int) (v % radix));
                v /= radix;
            }
        } else {
            BigInteger base = BigInteger.valueOf(radix);
            BigInteger v = value;
            for (int i = length - 1; i >= 0; i--) {
                BigInteger[] qr = v.divideAndRemainder(base);
                random[i] = charset.charAt(qr[1].intValue());
                v = qr[0];
            }
        }
        StringBuilder sb = new StringBuilder(CouponCode.MAX_LENGTH).append(prefix);
        for (int i = 0; i < length; i++) {
            if (groupSize > 0 && i > 0 && i % groupSize == 0) {
                sb.append('-');
            }
            sb.append(random[i]);
        }
        return new CouponCode(sb.append(postfix).toString());
    }

    /**
     * Tells whether a code has this pattern's shape.
     *
     * @param code a code
     * @return whether it is prefix, random characters of the charset grouped as the pattern groups, postfix
     */
    public boolean matches(CouponCode code) {
        return shape.matcher(Checks.notNull(code, "code").value()).matches();
    }

    @Override
    public String toString() {
        return prefix + "[" + length + " of " + charset + (groupSize > 0 ? ", groups of " + groupSize : "") + "]" + postfix;
    }

    /** Builds a {@link CodePattern}; each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private String prefix = "";
        private String postfix = "";
        private String charset = UNAMBIGUOUS;
        private int length = 10;
        private int groupSize;
        private long guessesPerCode = DEFAULT_GUESSES_PER_CODE;

        private Builder() {}

        /**
         * @param prefix fixed text before the random part, of {@code A-Z 0-9 - _} (lower case is upper-cased); may be empty
         * @return this builder
         */
        public Builder prefix(String prefix) {
            this.prefix = fixed(prefix, "prefix");
            return this;
        }

        /**
         * @param postfix fixed text after the random part, as for the prefix; may be empty
         * @return this builder
         */
        public Builder postfix(String postfix) {
            this.postfix = fixed(postfix, "postfix");
            return this;
        }

        /**
         * @param charset the characters of the random part: 2 to 36 distinct characters of {@code A-Z 0-9}
         * @return this builder
         */
        public Builder charset(String charset) {
            Checks.notNull(charset, "charset");
            if (charset.length() < 2 || charset.length() > 36 || charset.chars().distinct().count() != charset.length()
                    || !charset.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                throw new InvalidInputException("charset", "'" + Checks.quote(charset)
                        + "' must be 2 to 36 distinct characters of A-Z and 0-9");
            }
            this.charset = charset;
            return this;
        }

        /**
         * @param length random characters per code, 1 to 32
         * @return this builder
         */
        public Builder length(int length) {
            if (length < 1 || length > CouponCode.MAX_LENGTH) {
                throw new InvalidInputException("length", "must be 1 to " + CouponCode.MAX_LENGTH + ", was " + length);
            }
            this.length = length;
            return this;
        }

        /**
         * @param groupSize random characters per group, joined by {@code -}; 0 for no groups
         * @return this builder
         */
        public Builder groupsOf(int groupSize) {
            if (groupSize < 0 || groupSize > CouponCode.MAX_LENGTH) {
                throw new InvalidInputException("groupSize", "must be 0 to " + CouponCode.MAX_LENGTH + ", was " + groupSize);
            }
            this.groupSize = groupSize;
            return this;
        }

        /**
         * @param guessesPerCode the least number of possible codes per issued code, at least 1;
         *     {@value CodePattern#DEFAULT_GUESSES_PER_CODE} by default
         * @return this builder
         */
        public Builder guessesPerCode(long guessesPerCode) {
            this.guessesPerCode = Checks.positive(guessesPerCode, "guessesPerCode");
            return this;
        }

        /**
         * @return the pattern
         * @throws InvalidInputException if its codes would not be valid coupon codes
         */
        public CodePattern build() {
            return new CodePattern(this);
        }

        private static String fixed(String text, String field) {
            Checks.notNull(text, field);
            // checked before upper-casing, so that no other letter is folded into an ASCII one
            if (!text.matches("[A-Za-z0-9_-]*") || text.length() > CouponCode.MAX_LENGTH) {
                throw new InvalidInputException(field, "'" + Checks.quote(text) + "' must be at most " + CouponCode.MAX_LENGTH
                        + " characters of A-Z, 0-9, - and _");
            }
            return text.toUpperCase(java.util.Locale.ROOT);
        }
    }
}
