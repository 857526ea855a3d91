package dev.couponkernel.spi.store;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import java.util.Optional;

/**
 * Keeps coupons, with optimistic versioning: a write based on a stale read fails, it never
 * overwrites a change it did not see.
 *
 * <p>Each save is one atomic unit that also appends the audit entry for the event to the {@link
 * AuditTrail} and the event to the {@link EventOutbox} of the same {@link CouponStorage}.
 *
 * <p>Implementations must be thread-safe.
 */
public interface CouponRepository {

    /**
     * Saves a coupon and records the event that describes the change.
     *
     * <p>A record at version 0 is new: it is stored at version 1, and fails if its id or code is
     * taken; in the same atomic unit the storage's {@link UsageLedger} takes the definition's limits as
     * the limits it holds for the coupon (what {@link UsageLedger#changeLimits} would set), so a coupon
     * is never stored without its ledger limits. A record at version {@code n > 0} replaces the stored one only if that one is still at
     * version {@code n}, and is stored at {@code n + 1}. The code of a stored coupon never changes.
     *
     * @param record the coupon as the caller changed it, at the version it read
     * @param event what changed
     * @return the record as stored, at its new version
     * @throws dev.couponkernel.spi.error.ConflictException on a stale version, a taken id or code, or a changed code
     * @throws dev.couponkernel.spi.error.NotFoundException when updating a coupon that does not exist
     */
    CouponRecord save(CouponRecord record, CouponEvent event);

    /**
     * Records an event that changes no coupon or usage state — a fraud refusal ({@link
     * dev.couponkernel.spi.event.CouponRejected}) or a security alert ({@link
     * dev.couponkernel.spi.event.SecurityAlertRaised}) — as one atomic unit: its audit entry and its
     * outbox event, after the coupon's earlier entries and events.
     *
     * @param event the refusal or the alert
     * @throws dev.couponkernel.spi.error.InvalidInputException for any other kind of event
     * @throws dev.couponkernel.spi.error.NotFoundException if the coupon does not exist
     */
    void note(CouponEvent event);

    /**
     * @param id the coupon's id
     * @return the coupon, if stored
     */
    Optional<CouponRecord> findById(CouponId id);

    /**
     * @param code a normalized code
     * @return the coupon with that code, if stored
     */
    Optional<CouponRecord> findByCode(CouponCode code);

    /**
     * Finds coupons for a staff page or a report: those whose code contains the query's text (ignoring
     * case) or whose id is that text, in the query's status if it names one, ordered by code, one page
     * at a time ({@link CouponQuery#matches} is the rule). Reads committed coupons; never locks.
     *
     * @param query what to look for, and which page
     * @return the page, with how many coupons match in all
     */
    CouponPage search(CouponQuery query);
}
