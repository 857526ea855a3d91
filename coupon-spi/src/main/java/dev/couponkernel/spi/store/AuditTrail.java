package dev.couponkernel.spi.store;

import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageId;
import java.util.List;

/**
 * Reads the append-only audit trail. Entries are appended by the {@link CouponRepository} and the
 * {@link UsageLedger} of the same {@link CouponStorage}, in the atomic unit of the change they
 * describe; there is no way to change or remove one.
 *
 * <p>Implementations must be thread-safe.
 */
public interface AuditTrail {

    /**
     * @param couponId a coupon
     * @return every entry about the coupon and its usages, oldest first
     */
    List<AuditEntry> byCoupon(CouponId couponId);

    /**
     * @param usageId a usage
     * @return every entry about the usage, oldest first
     */
    List<AuditEntry> byUsage(UsageId usageId);

    /** The most entries one {@link #page} call returns. */
    int MAX_PAGE = 1000;

    /**
     * The length of a coupon's trail: one past the position of its newest entry (positions count from
     * 0, the oldest entry, as in {@link #page}), so {@code page(couponId, size(couponId) - n, n)}
     * reads the newest n. The default counts the entries {@link #byCoupon} returns; the library's
     * stores read it through an index, whatever the trail's length.
     *
     * @param couponId a coupon
     * @return how many entries its trail holds; 0 for a coupon without entries
     */
    default long size(CouponId couponId) {
        return byCoupon(couponId).size();
    }

    /**
     * A part of a coupon's trail, for trails too long to read whole (a flash sale writes two entries
     * per checkout): the entries at positions {@code from} to {@code from + max - 1}, oldest first,
     * where position 0 is the coupon's oldest entry; fewer, or none, past the end of the trail.
     * Entries are only ever appended, so a position always holds the same entry, and reading pages
     * from 0, each starting where the last one ended, reads the trail {@link #byCoupon} returns. The
     * default reads the whole trail and cuts the page out of it; the library's stores read only the
     * page, through an index.
     *
     * @param couponId a coupon
     * @param from the position of the first entry wanted, at least 0
     * @param max the most entries to return, 1 to {@link #MAX_PAGE}
     * @return the entries, oldest first
     * @throws dev.couponkernel.spi.error.InvalidInputException for a position below 0 or a size out
     *     of bounds, naming the parameter
     */
    default List<AuditEntry> page(CouponId couponId, long from, int max) {
        checkPage(couponId, from, max);
        return pageOf(byCoupon(couponId), from, max);
    }

    /**
     * Cuts a page out of a whole trail held in memory.
     *
     * @param trail a coupon's entries, oldest first
     * @param from the position of the first entry wanted, at least 0
     * @param max the most entries
     * @return the entries at positions {@code from} to {@code from + max - 1}, fewer past the end
     */
    static List<AuditEntry> pageOf(List<AuditEntry> trail, long from, int max) {
        if (from >= trail.size()) {
            return List.of();
        }
        return List.copyOf(trail.subList((int) from, (int) Math.min(trail.size(), end(from, max))));
    }

    /**
     * @param from a page's first position
     * @param max its most entries
     * @return the position after its last, {@code from + max}, or {@link Long#MAX_VALUE} where that
     *     would overflow
     */
    static long end(long from, int max) {
        return from > Long.MAX_VALUE - max ? Long.MAX_VALUE : from + max;
    }

    /**
     * The bounds of {@link #page}'s arguments, for implementations to check before they read.
     *
     * @param couponId a coupon
     * @param from the position of the first entry wanted
     * @param max the most entries to return
     * @throws dev.couponkernel.spi.error.InvalidInputException when one is out of bounds, naming it
     */
    static void checkPage(CouponId couponId, long from, int max) {
        dev.couponkernel.spi.internal.Checks.notNull(couponId, "couponId");
        if (from < 0) {
            throw new dev.couponkernel.spi.error.InvalidInputException("from", "must be at least 0, was " + from);
        }
        if (max < 1 || max > MAX_PAGE) {
            throw new dev.couponkernel.spi.error.InvalidInputException("max",
                    "must be between 1 and " + MAX_PAGE + ", was " + max);
        }
    }

    /**
     * Checks the coupon's hash chain (see {@link AuditEntry}) and reports the first entry that was
     * changed, removed, inserted or reordered. The default checks the entries {@link #byCoupon}
     * returns; a store that also keeps the chain's head (its length and last hash) should override it
     * to detect entries removed from the end.
     *
     * @param couponId a coupon
     * @return the verdict; intact for a coupon without entries
     */
    default AuditVerification verify(CouponId couponId) {
        return AuditChain.verify(couponId, byCoupon(couponId));
    }
}
