package dev.couponkernel.spi.store;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.internal.Checks;
import java.util.List;

/**
 * One page of a {@link CouponRepository#search}: the coupons on it, ordered by code, and how many
 * match in all.
 *
 * <p>Immutable and thread-safe.
 *
 * @param coupons the page's coupons, ordered by code
 * @param total how many coupons match the query in all
 * @param query the query this page answers
 */
public record CouponPage(List<CouponRecord> coupons, long total, CouponQuery query) {

    /**
     * Copies the list and checks the figures agree.
     *
     * @param coupons the page's coupons, ordered by code
     * @param total how many coupons match the query in all
     * @param query the query this page answers
     */
    public CouponPage {
        coupons = List.copyOf(Checks.notNull(coupons, "coupons"));
        Checks.notNull(query, "query");
        if (coupons.size() > query.size() || total < (coupons.isEmpty() ? 0 : query.offset() + coupons.size())) {
            throw new IllegalArgumentException("a page of " + coupons.size() + " coupons at offset " + query.offset()
                    + " cannot be part of " + total + " (page size " + query.size() + ")");
        }
    }

    /** @return whether a later page holds more coupons (within {@link CouponQuery#MAX_OFFSET}) */
    public boolean hasNext() {
        long next = query.offset() + query.size();
        return next < total && next <= CouponQuery.MAX_OFFSET;
    }
}
