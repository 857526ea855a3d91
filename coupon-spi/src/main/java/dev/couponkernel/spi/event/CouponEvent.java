package dev.couponkernel.spi.event;

import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import java.time.Instant;

/**
 * A fact about a coupon or one of its usages, published after the change it describes happened.
 * Implementations are immutable records and thread-safe.
 */
public sealed interface CouponEvent
        permits CouponCreated, CouponActivated, CouponSuspended, CouponSuspensionLifted, CouponDisabled,
                CouponLimitsChanged, CouponApplied, CouponRedeemed, CouponReleased, CouponReinstated, CouponCodesAdded,
                CouponCodeVoided, CouponRejected,
                SecurityAlertRaised {

    /** @return the kind of event, with its stable name in JSON and in storage */
    EventType type();

    /** @return the coupon the event is about */
    CouponId couponId();

    /** @return the coupon's code */
    CouponCode code();

    /** @return when the change happened */
    Instant occurredAt();

    /** @return who caused it */
    Actor actor();

    /**
     * @return whether the event describes a change of a coupon or a usage; false for the fraud guard's
     *     refusals and alerts, which repositories record with {@code note}
     */
    default boolean changesState() {
        return type().changesState();
    }

    /**
     * The check every {@code CouponRepository.note} makes first.
     *
     * @param event an event to note
     * @throws dev.couponkernel.spi.error.InvalidInputException if it is null or {@link #changesState() changes state}
     */
    static void requireNote(CouponEvent event) {
        if (event == null) {
            throw new dev.couponkernel.spi.error.InvalidInputException("event", "is required");
        }
        if (event.changesState()) {
            throw new dev.couponkernel.spi.error.InvalidInputException("event", "only a CouponRejected or a SecurityAlertRaised is"
                    + " noted; a " + event.type().wireName() + " is saved with the change it describes");
        }
    }
}
