package dev.couponkernel.spi.event;

import dev.couponkernel.spi.internal.Checks;

/**
 * The kinds of {@link CouponEvent}, each with the stable name it has on the wire (the JSON {@code
 * type} field) and in storage (the outbox's {@code event_type} column). The names are part of the
 * format, fixed here and pinned by the JSON golden files; they do not follow the Java class names,
 * so renaming a class changes no stored row and no message. A {@code switch} over this enum is how
 * code handles every kind of event: the compiler checks it is exhaustive.
 */
public enum EventType {
    /** {@link CouponCreated}. */
    COUPON_CREATED("CouponCreated", true),
    /** {@link CouponActivated}. */
    COUPON_ACTIVATED("CouponActivated", true),
    /** {@link CouponSuspended}. */
    COUPON_SUSPENDED("CouponSuspended", true),
    /** {@link CouponSuspensionLifted}. */
    COUPON_SUSPENSION_LIFTED("CouponSuspensionLifted", true),
    /** {@link CouponDisabled}. */
    COUPON_DISABLED("CouponDisabled", true),
    /** {@link CouponLimitsChanged}. */
    COUPON_LIMITS_CHANGED("CouponLimitsChanged", true),
    /** {@link CouponApplied}. */
    COUPON_APPLIED("CouponApplied", true),
    /** {@link CouponRedeemed}. */
    COUPON_REDEEMED("CouponRedeemed", true),
    /** {@link CouponReleased}. */
    COUPON_RELEASED("CouponReleased", true),
    /** {@link CouponReinstated}. */
    COUPON_REINSTATED("CouponReinstated", true),
    /** {@link CouponCodesAdded}. */
    COUPON_CODES_ADDED("CouponCodesAdded", true),
    /** {@link CouponCodeVoided}. */
    COUPON_CODE_VOIDED("CouponCodeVoided", true),
    /** {@link CouponRejected}: noted, changes no state. */
    COUPON_REJECTED("CouponRejected", false),
    /** {@link SecurityAlertRaised}: noted, changes no state. */
    SECURITY_ALERT_RAISED("SecurityAlertRaised", false);

    private final String wireName;
    private final boolean changesState;

    EventType(String wireName, boolean changesState) {
        this.wireName = wireName;
        this.changesState = changesState;
    }

    /** @return the stable name in JSON and in storage, for example {@code "CouponRedeemed"} */
    public String wireName() {
        return wireName;
    }

    /** @return whether events of this kind describe a change of state (see {@link CouponEvent#changesState()}) */
    public boolean changesState() {
        return changesState;
    }

    /**
     * @param wireName a stable name as stored or sent
     * @return its kind
     * @throws dev.couponkernel.spi.error.InvalidInputException naming it when no kind has that name
     */
    public static EventType ofWireName(String wireName) {
        Checks.notNull(wireName, "eventType");
        for (EventType t : values()) {
            if (t.wireName.equals(wireName)) {
                return t;
            }
        }
        throw new dev.couponkernel.spi.error.InvalidInputException("eventType", "'" + Checks.quote(wireName)
                + "' is not an event type");
    }
}
