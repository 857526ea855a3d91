package dev.couponkernel.spi.store;

import dev.couponkernel.spi.event.CouponActivated;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.event.CouponDisabled;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.CouponLimitsChanged;
import dev.couponkernel.spi.event.CouponRedeemed;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageId;
import java.time.Instant;
import java.util.Optional;

/**
 * An immutable record of one state change of a coupon or a usage: what, who, why and when. Audit
 * entries are appended, never changed or removed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sequence the position in the trail, assigned by the store, increasing
 * @param couponId the coupon
 * @param usageId the usage, or null for a change of the coupon itself
 * @param action what changed
 * @param actor who changed it
 * @param reason why, or null when the change needs no reason
 * @param detail what else identifies the change (checkout, order, limits), never null
 * @param at when
 */
public record AuditEntry(
        long sequence, CouponId couponId, UsageId usageId, AuditAction action, Actor actor, String reason, String detail, Instant at) {

    /** Validates the parts. */
    public AuditEntry {
        Checks.nonNegative(sequence, "sequence");
        Checks.notNull(couponId, "couponId");
        Checks.notNull(action, "action");
        Checks.notNull(actor, "actor");
        Checks.notNull(detail, "detail");
        Checks.notNull(at, "at");
    }

    /** @return the usage, for a usage change */
    public Optional<UsageId> usage() {
        return Optional.ofNullable(usageId);
    }

    /**
     * Returns the entry that describes an event: every store derives its audit entries this way, so
     * the trail reads the same whatever the store.
     *
     * @param sequence the position the store assigns
     * @param event the event of the change
     * @return the entry
     */
    public static AuditEntry describing(long sequence, CouponEvent event) {
        Checks.notNull(event, "event");
        if (event instanceof CouponCreated e) {
            return coupon(sequence, e, AuditAction.COUPON_CREATED, null, "code=" + e.code());
        } else if (event instanceof CouponActivated e) {
            return coupon(sequence, e, AuditAction.COUPON_ACTIVATED, null, "code=" + e.code());
        } else if (event instanceof CouponDisabled e) {
            return coupon(sequence, e, AuditAction.COUPON_DISABLED, e.reason(), "code=" + e.code());
        } else if (event instanceof CouponLimitsChanged e) {
            return coupon(sequence, e, AuditAction.COUPON_LIMITS_CHANGED, null, "limits=" + e.limits());
        } else if (event instanceof CouponApplied e) {
            return new AuditEntry(sequence, e.couponId(), e.usageId(), AuditAction.USAGE_LOCKED, e.actor(), null,
                    "checkout=" + e.checkoutId() + " user=" + e.userId() + " expiresAt=" + e.expiresAt(), e.occurredAt());
        } else if (event instanceof CouponRedeemed e) {
            return new AuditEntry(sequence, e.couponId(), e.usageId(), AuditAction.USAGE_REDEEMED, e.actor(), null,
                    "checkout=" + e.checkoutId() + " order=" + e.orderId(), e.occurredAt());
        } else {
            CouponReleased e = (CouponReleased) event;
            return new AuditEntry(sequence, e.couponId(), e.usageId(), AuditAction.USAGE_RELEASED, e.actor(), e.reason(),
                    "checkout=" + e.checkoutId(), e.occurredAt());
        }
    }

    private static AuditEntry coupon(long sequence, CouponEvent e, AuditAction action, String reason, String detail) {
        return new AuditEntry(sequence, e.couponId(), null, action, e.actor(), reason, detail, e.occurredAt());
    }
}
