package dev.couponkernel.spi.store;

import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponDisabled;
import dev.couponkernel.spi.event.CouponSuspended;
import dev.couponkernel.spi.event.CouponSuspensionLifted;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.CouponLimitsChanged;
import dev.couponkernel.spi.event.CouponRedeemed;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.event.CouponRejected;
import dev.couponkernel.spi.event.SecurityAlertRaised;
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
 * <p>The entries of one coupon form a hash chain: each entry's {@link #hash()} is the SHA-256 of its
 * own fields and the hash of the coupon's previous entry ({@link #previousHash()}; {@link
 * AuditChain#GENESIS} for the first). Changing, removing or reordering a stored entry breaks the chain
 * at that entry, which {@link AuditTrail#verify} reports. The store-assigned {@link #sequence()} is not
 * part of the hash.
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
 * @param previousHash the hash of the coupon's previous entry, or {@link AuditChain#GENESIS}
 * @param hash this entry's hash, as the store computed it when appending
 */
public record AuditEntry(
        long sequence, CouponId couponId, UsageId usageId, AuditAction action, Actor actor, String reason, String detail,
        Instant at, String previousHash, String hash) {

    /**
     * Validates the parts.
     *
     * @param sequence the position in the trail, assigned by the store, increasing
     * @param couponId the coupon
     * @param usageId the usage, or null for a change of the coupon itself
     * @param action what changed
     * @param actor who changed it
     * @param reason why, or null when the change needs no reason
     * @param detail what else identifies the change (checkout, order, limits), never null
     * @param at when
     * @param previousHash the hash of the coupon's previous entry, or {@link AuditChain#GENESIS}
     * @param hash this entry's hash, as the store computed it when appending
     */
    public AuditEntry {
        Checks.nonNegative(sequence, "sequence");
        Checks.notNull(couponId, "couponId");
        Checks.notNull(action, "action");
        Checks.notNull(actor, "actor");
        Checks.notNull(detail, "detail");
        Checks.notNull(at, "at");
        AuditChain.checkHash(previousHash, "previousHash");
        AuditChain.checkHash(hash, "hash");
    }

    /** @return the hash this entry's fields and previous hash give; equals {@link #hash()} unless the entry was tampered with */
    public String expectedHash() {
        return AuditChain.hash(previousHash, couponId, usageId, action, actor, reason, detail, at);
    }

    /**
     * Tells whether this entry is the audit record of an event: the entry {@link #describing} the
     * event gives has this entry's coupon, usage, action, actor, reason and detail, and the same
     * instant to the microsecond (what stores keep). A relay calls this before it publishes an event
     * from the outbox, so a payload changed after it was written (which the hash chain does not
     * cover) is never published: the entry is covered by the chain, the payload must match it.
     *
     * @param event the event as stored in the outbox
     * @return whether the event is the one this entry records
     */
    public boolean describes(CouponEvent event) {
        Checks.notNull(event, "event");
        AuditEntry d = describing(sequence, event, at);
        return d.couponId.equals(couponId) && java.util.Objects.equals(d.usageId, usageId) && d.action == action
                && d.actor.equals(actor) && java.util.Objects.equals(d.reason, reason) && d.detail.equals(detail)
                && event.occurredAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                        .equals(at.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    /** @return the usage, for a usage change */
    public Optional<UsageId> usage() {
        return Optional.ofNullable(usageId);
    }

    /**
     * Returns the entry that describes an event, chained to the coupon's previous entry: every store
     * derives its audit entries this way, so the trail reads the same whatever the store.
     *
     * @param sequence the position the store assigns (0 when the database assigns it on insert)
     * @param event the event of the change
     * @param at when, as the store keeps it (a database may cut it to microseconds)
     * @param previousHash the hash of the coupon's last entry, or {@link AuditChain#GENESIS}
     * @return the entry
     */
    public static AuditEntry describing(long sequence, CouponEvent event, Instant at, String previousHash) {
        AuditEntry unsealed = describing(sequence, event, at);
        return new AuditEntry(unsealed.sequence, unsealed.couponId, unsealed.usageId, unsealed.action, unsealed.actor,
                unsealed.reason, unsealed.detail, unsealed.at, previousHash,
                AuditChain.hash(previousHash, unsealed.couponId, unsealed.usageId, unsealed.action, unsealed.actor,
                        unsealed.reason, unsealed.detail, unsealed.at));
    }

    private static AuditEntry describing(long sequence, CouponEvent event, Instant at) {
        Checks.notNull(event, "event");
        Checks.notNull(at, "at");
        return switch (event.type()) {
            case COUPON_CREATED -> coupon(sequence, at, event, AuditAction.COUPON_CREATED, null, "code=" + event.code());
            case COUPON_ACTIVATED -> coupon(sequence, at, event, AuditAction.COUPON_ACTIVATED, null, "code=" + event.code());
            case COUPON_SUSPENDED -> coupon(sequence, at, event, AuditAction.COUPON_SUSPENDED,
                    ((CouponSuspended) event).reason(), "code=" + event.code());
            case COUPON_SUSPENSION_LIFTED -> coupon(sequence, at, event, AuditAction.COUPON_SUSPENSION_LIFTED,
                    ((CouponSuspensionLifted) event).reason(), "code=" + event.code());
            case COUPON_DISABLED -> coupon(sequence, at, event, AuditAction.COUPON_DISABLED, ((CouponDisabled) event).reason(),
                    "code=" + event.code());
            case COUPON_LIMITS_CHANGED -> coupon(sequence, at, event, AuditAction.COUPON_LIMITS_CHANGED, null,
                    "limits=" + ((CouponLimitsChanged) event).limits());
            case COUPON_APPLIED -> {
                CouponApplied e = (CouponApplied) event;
                yield new AuditEntry(sequence, e.couponId(), e.usageId(), AuditAction.USAGE_LOCKED, e.actor(), null,
                        "checkout=" + e.checkoutId() + " user=" + e.userId() + " expiresAt=" + e.expiresAt(), at,
                        AuditChain.GENESIS, AuditChain.GENESIS);
            }
            case COUPON_REDEEMED -> {
                CouponRedeemed e = (CouponRedeemed) event;
                yield new AuditEntry(sequence, e.couponId(), e.usageId(), AuditAction.USAGE_REDEEMED, e.actor(), null,
                        "checkout=" + e.checkoutId() + " order=" + e.orderId(), at, AuditChain.GENESIS, AuditChain.GENESIS);
            }
            case COUPON_RELEASED -> {
                CouponReleased e = (CouponReleased) event;
                yield new AuditEntry(sequence, e.couponId(), e.usageId(), AuditAction.USAGE_RELEASED, e.actor(), e.reason(),
                        "checkout=" + e.checkoutId(), at, AuditChain.GENESIS, AuditChain.GENESIS);
            }
            case COUPON_REINSTATED -> {
                dev.couponkernel.spi.event.CouponReinstated e = (dev.couponkernel.spi.event.CouponReinstated) event;
                yield new AuditEntry(sequence, e.couponId(), e.usageId(), AuditAction.USAGE_REINSTATED, e.actor(), e.reason(),
                        "checkout=" + e.checkoutId() + " order=" + e.orderId(), at, AuditChain.GENESIS, AuditChain.GENESIS);
            }
            case COUPON_CODES_ADDED -> {
                dev.couponkernel.spi.event.CouponCodesAdded e = (dev.couponkernel.spi.event.CouponCodesAdded) event;
                yield coupon(sequence, at, e, AuditAction.CODES_ADDED, null, "batch=" + e.batchId() + " added=" + e.added());
            }
            case COUPON_CODE_VOIDED -> {
                dev.couponkernel.spi.event.CouponCodeVoided e = (dev.couponkernel.spi.event.CouponCodeVoided) event;
                yield coupon(sequence, at, e, AuditAction.CODE_VOIDED, e.reason(), "code=" + e.code());
            }
            case COUPON_REJECTED -> {
                CouponRejected e = (CouponRejected) event;
                yield new AuditEntry(sequence, e.couponId(), null, AuditAction.COUPON_REJECTED, e.actor(), e.reason().name(),
                        fit("user=" + e.userId() + " kind=" + e.kind() + " score=" + e.score().value() + " signals="
                                + signals(e.signals())), at, AuditChain.GENESIS, AuditChain.GENESIS);
            }
            case SECURITY_ALERT_RAISED -> {
                SecurityAlertRaised e = (SecurityAlertRaised) event;
                yield new AuditEntry(sequence, e.couponId(), null, AuditAction.SECURITY_ALERT, e.actor(), e.summary(),
                        fit("level=" + e.level() + " user=" + (e.userId() == null ? "-" : e.userId().value()) + " score="
                                + e.score().value() + " signals=" + signals(e.signals())), at, AuditChain.GENESIS,
                        AuditChain.GENESIS);
            }
        };
    }

    /** The most characters of an entry's detail. */
    public static final int MAX_DETAIL = 1024;

    private static String signals(java.util.List<dev.couponkernel.spi.fraud.FraudSignal> signals) {
        StringBuilder b = new StringBuilder("[");
        for (dev.couponkernel.spi.fraud.FraudSignal s : signals) {
            b.append(b.length() > 1 ? "; " : "").append(s.name()).append('=').append(s.score()).append(' ')
                    .append(s.evidence());
        }
        return b.append(']').toString();
    }

    private static String fit(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 3) + "...";
    }

    private static AuditEntry coupon(long sequence, Instant at, CouponEvent e, AuditAction action, String reason, String detail) {
        return new AuditEntry(sequence, e.couponId(), null, action, e.actor(), reason, detail, at, AuditChain.GENESIS,
                AuditChain.GENESIS);
    }
}
