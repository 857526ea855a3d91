package dev.couponkernel.core.coupon;

import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.error.IllegalCouponStateException;
import dev.couponkernel.spi.event.CouponActivated;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.event.CouponDisabled;
import dev.couponkernel.spi.event.CouponSuspended;
import dev.couponkernel.spi.event.CouponSuspensionLifted;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import java.time.Instant;

/**
 * The coupon aggregate: a definition (rule and limits) with a lifecycle {@code DRAFT -> ACTIVE ->
 * DISABLED} (a draft may also be disabled directly; {@code DISABLED} is final).
 *
 * <p>Each transition returns a new coupon and the event that describes it; illegal transitions fail
 * with {@link IllegalCouponStateException} and change nothing. A coupon expires by time when its
 * validity period ends and by count when its total limit is used up; neither changes its status, both
 * make it ineligible.
 *
 * <p>Immutable and thread-safe.
 */
public final class Coupon {

    private final CouponRecord record;
    /** The unique code a customer typed for a campaign, or null: the coupon's own code. */
    private final CouponCode typed;

    private Coupon(CouponRecord record) {
        this(record, null);
    }

    private Coupon(CouponRecord record, CouponCode typed) {
        this.record = record;
        this.typed = typed;
    }

    /**
     * The campaign as a customer named it by one of its unique codes: pricing reports that code, and
     * the ledger locks it.
     *
     * @param code the unique code typed
     * @return the coupon, named by that code
     * @throws IllegalArgumentException if the coupon is not a campaign of unique codes
     */
    public Coupon typedAs(CouponCode code) {
        Checks.notNull(code, "code");
        if (record.definition().codes() != dev.couponkernel.spi.coupon.CodeMode.UNIQUE) {
            throw new IllegalArgumentException("coupon " + record.id() + " has one shared code, " + record.definition().code());
        }
        return new Coupon(record, code);
    }

    /**
     * Creates a new coupon as a draft.
     *
     * @param id the new coupon's identity
     * @param definition what the coupon is
     * @param at the creation instant
     * @param actor who creates it
     * @return the draft and its {@link CouponCreated} event
     */
    public static CouponChange create(CouponId id, CouponDefinition definition, Instant at, Actor actor) {
        Checks.notNull(at, "at");
        Checks.notNull(actor, "actor");
        Coupon coupon = new Coupon(new CouponRecord(id, definition, CouponStatus.DRAFT, 0, at, at));
        return new CouponChange(coupon, new CouponCreated(id, definition.code(), at, actor));
    }

    /**
     * Returns the coupon a stored record describes.
     *
     * @param record the record
     * @return the coupon
     */
    public static Coupon fromRecord(CouponRecord record) {
        return new Coupon(Checks.notNull(record, "record"));
    }

    /**
     * Activates a draft.
     *
     * @param at the instant
     * @param actor who activates it
     * @return the active coupon and its {@link CouponActivated} event
     * @throws IllegalCouponStateException unless the coupon is a draft
     */
    public CouponChange activate(Instant at, Actor actor) {
        Checks.notNull(at, "at");
        Checks.notNull(actor, "actor");
        if (record.status() != CouponStatus.DRAFT) {
            throw new IllegalCouponStateException(
                    "coupon " + record.id(), record.status().name(), "only a DRAFT coupon can be activated");
        }
        return new CouponChange(
                withStatus(CouponStatus.ACTIVE, at), new CouponActivated(record.id(), record.definition().code(), at, actor));
    }

    /**
     * Suspends an active coupon: it cannot be used until the suspension is lifted. The fraud guard's
     * answer to an attack, which staff review and undo with {@link #liftSuspension}.
     *
     * @param at the instant
     * @param actor who suspends it
     * @param reason why, non-blank, at most 512 characters
     * @return the suspended coupon and its {@link CouponSuspended} event
     * @throws IllegalCouponStateException unless the coupon is active
     */
    public CouponChange suspend(Instant at, Actor actor, String reason) {
        Checks.notNull(at, "at");
        Checks.notNull(actor, "actor");
        Checks.text(reason, "reason", 512);
        if (record.status() != CouponStatus.ACTIVE) {
            throw new IllegalCouponStateException(
                    "coupon " + record.id(), record.status().name(), "only an ACTIVE coupon can be suspended");
        }
        return new CouponChange(
                withStatus(CouponStatus.SUSPENDED, at), new CouponSuspended(record.id(), record.definition().code(), at, actor, reason));
    }

    /**
     * Lifts a suspension: the coupon is active again.
     *
     * @param at the instant
     * @param actor who lifts it (staff)
     * @param reason why, non-blank, at most 512 characters
     * @return the active coupon and its {@link CouponSuspensionLifted} event
     * @throws IllegalCouponStateException unless the coupon is suspended
     */
    public CouponChange liftSuspension(Instant at, Actor actor, String reason) {
        Checks.notNull(at, "at");
        Checks.notNull(actor, "actor");
        Checks.text(reason, "reason", 512);
        if (record.status() != CouponStatus.SUSPENDED) {
            throw new IllegalCouponStateException(
                    "coupon " + record.id(), record.status().name(), "only a SUSPENDED coupon's suspension can be lifted");
        }
        return new CouponChange(
                withStatus(CouponStatus.ACTIVE, at), new CouponSuspensionLifted(record.id(), record.definition().code(), at, actor, reason));
    }

    /**
     * Disables the coupon for good.
     *
     * @param at the instant
     * @param actor who disables it
     * @param reason why, non-blank, at most 512 characters
     * @return the disabled coupon and its {@link CouponDisabled} event
     * @throws IllegalCouponStateException if the coupon is already disabled
     */
    public CouponChange disable(Instant at, Actor actor, String reason) {
        Checks.notNull(at, "at");
        Checks.notNull(actor, "actor");
        Checks.text(reason, "reason", 512);
        if (record.status() == CouponStatus.DISABLED) {
            throw new IllegalCouponStateException(
                    "coupon " + record.id(), record.status().name(), "a disabled coupon cannot be disabled again");
        }
        return new CouponChange(
                withStatus(CouponStatus.DISABLED, at), new CouponDisabled(record.id(), record.definition().code(), at, actor, reason));
    }

    private Coupon withStatus(CouponStatus status, Instant at) {
        Instant updated = at.isBefore(record.updatedAt()) ? record.updatedAt() : at;
        return new Coupon(new CouponRecord(record.id(), record.definition(), status, record.version(), record.createdAt(), updated));
    }

    /**
     * Tells whether the coupon has expired by time at an instant.
     *
     * @param at the instant
     * @return true if its validity period has ended
     */
    public boolean isExpiredAt(Instant at) {
        return record.definition().validity().hasEndedAt(at);
    }

    /**
     * Tells whether the coupon has expired by count.
     *
     * @param usedTotal usages counted against it now (locked plus redeemed)
     * @return true if its total limit is used up
     */
    public boolean isUsedUp(long usedTotal) {
        return record.definition().limits().totalReached(usedTotal);
    }

    /** @return the identity */
    public CouponId id() {
        return record.id();
    }

    /**
     * @return the code the coupon is named by here: the unique code a customer typed for a campaign
     *     ({@link #typedAs}), else the coupon's own code ({@code definition().code()})
     */
    public CouponCode code() {
        return typed != null ? typed : record.definition().code();
    }

    /** @return what the coupon is */
    public CouponDefinition definition() {
        return record.definition();
    }

    /** @return the lifecycle status */
    public CouponStatus status() {
        return record.status();
    }

    /** @return the version this coupon was loaded at (0 if never stored) */
    public long version() {
        return record.version();
    }

    /** @return the record a store keeps */
    public CouponRecord toRecord() {
        return record;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Coupon c && c.record.equals(record) && java.util.Objects.equals(c.typed, typed);
    }

    @Override
    public int hashCode() {
        return record.hashCode() * 31 + java.util.Objects.hashCode(typed);
    }

    @Override
    public String toString() {
        return "Coupon[" + record.id() + " " + code() + " " + record.status() + "]";
    }
}
