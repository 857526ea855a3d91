package dev.couponkernel.spi.event;

import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.FraudScore;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The fraud guard wants a person to look at a coupon: an attempt flagged for review, the first
 * blocked attempt of an attack, or the coupon disabled. Immutable and thread-safe.
 *
 * @param couponId the coupon
 * @param code its code
 * @param occurredAt when
 * @param actor who raised it: the fraud guard
 * @param level how serious
 * @param userId the customer whose attempt raised it, or null for an alert about the coupon as a whole
 * @param score the fraud score of that attempt ({@link FraudScore#NONE} for a coupon-wide alert)
 * @param signals the evidence
 * @param summary one line for the reader, at most 512 characters
 */
public record SecurityAlertRaised(
        CouponId couponId, CouponCode code, Instant occurredAt, Actor actor, AlertLevel level, UserId userId,
        FraudScore score, List<FraudSignal> signals, String summary) implements CouponEvent {

    /**
     * Validates the parts.
     *
     * @param couponId the coupon
     * @param code its code
     * @param occurredAt when
     * @param actor who raised it: the fraud guard
     * @param level how serious
     * @param userId the customer whose attempt raised it, or null for an alert about the coupon as a whole
     * @param score the fraud score of that attempt ({@link FraudScore#NONE} for a coupon-wide alert)
     * @param signals the evidence
     * @param summary one line for the reader, at most 512 characters
     */
    public SecurityAlertRaised {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(code, "code");
        Checks.notNull(occurredAt, "occurredAt");
        Checks.notNull(actor, "actor");
        Checks.notNull(level, "level");
        Checks.notNull(score, "score");
        signals = List.copyOf(Checks.notNull(signals, "signals"));
        Checks.text(summary, "summary", 512);
    }

    /** @return the customer whose attempt raised the alert, if any */
    public Optional<UserId> user() {
        return Optional.ofNullable(userId);
    }

    @Override
    public EventType type() {
        return EventType.SECURITY_ALERT_RAISED;
    }
}
