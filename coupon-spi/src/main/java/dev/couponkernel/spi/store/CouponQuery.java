package dev.couponkernel.spi.store;

import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@link CouponRepository#search} looks for: coupons whose code contains a text (ignoring case)
 * or whose id is that text, optionally in one status, one page at a time, ordered by code.
 *
 * <p>Bounded, as every input: the text is at most {@value #MAX_TEXT_LENGTH} characters, a page at most
 * {@value #MAX_PAGE_SIZE} coupons, and a search reaches at most the first {@value #MAX_OFFSET} coupons
 * (a larger shop narrows its search instead of paging further).
 *
 * <p>Immutable and thread-safe.
 *
 * @param text the text a code contains or an id equals, trimmed; empty for every coupon
 * @param status the status the coupons are in, or empty for any
 * @param page the page, from 0
 * @param size the coupons per page, 1 to {@value #MAX_PAGE_SIZE}
 */
public record CouponQuery(String text, Optional<CouponStatus> status, int page, int size) {

    /** The longest search text. */
    public static final int MAX_TEXT_LENGTH = 64;

    /** The most coupons on one page. */
    public static final int MAX_PAGE_SIZE = 100;

    /** How far into the ordered coupons a search reaches, at most. */
    public static final int MAX_OFFSET = 100_000;

    /**
     * Validates and normalizes the query.
     *
     * @param text the text a code contains or an id equals; trimmed, empty for every coupon
     * @param status the status the coupons are in, or empty for any
     * @param page the page, from 0
     * @param size the coupons per page
     * @throws InvalidInputException naming the field that is out of bounds
     */
    public CouponQuery {
        Checks.notNull(text, "text");
        Checks.notNull(status, "status");
        text = text.strip();
        if (!text.isEmpty()) {
            Checks.text(text, "text", MAX_TEXT_LENGTH);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInputException("size", "must be 1 to " + MAX_PAGE_SIZE + ", was " + size);
        }
        if (page < 0 || (long) page * size > MAX_OFFSET) {
            throw new InvalidInputException("page", "must be 0 to " + MAX_OFFSET / size + " at " + size
                    + " coupons a page (a search reaches the first " + MAX_OFFSET + " coupons), was " + page);
        }
    }

    /**
     * Every coupon, a page at a time.
     *
     * @param page the page, from 0
     * @param size the coupons per page
     * @return the query
     */
    public static CouponQuery all(int page, int size) {
        return new CouponQuery("", Optional.empty(), page, size);
    }

    /** @return how many coupons come before this page */
    public long offset() {
        return (long) page * size;
    }

    /**
     * Whether a coupon matches the text and status (the rule every store applies, in memory or in SQL).
     *
     * @param id the coupon's id
     * @param code the coupon's code, normalized (upper case)
     * @param couponStatus the coupon's status
     * @return whether it matches
     */
    public boolean matches(String id, String code, CouponStatus couponStatus) {
        return (status.isEmpty() || status.get() == couponStatus)
                && (text.isEmpty() || id.equals(text) || code.contains(codeText()));
    }

    /**
     * The SQL {@code LIKE} pattern of the code rule, with {@code !} as its escape character, so that a
     * text's {@code %} and {@code _} match literally (every SQL store uses this one encoding).
     *
     * @return {@code %text%}, upper case, escaped
     */
    public String likePattern() {
        return "%" + codeText().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** @return the text as it appears in a normalized code (upper case) */
    public String codeText() {
        return text.toUpperCase(Locale.ROOT);
    }
}
