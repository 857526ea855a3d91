package dev.couponkernel.spi.event;

import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.fraud.AttemptKind;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.FraudScore;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;
import java.util.List;

/**
 * The fraud guard refused an attempt to use a coupon, before any lock was taken. Nothing about the
 * coupon's usage changed; the event and its audit entry are the record of the refusal and its
 * evidence. Immutable and thread-safe.
 *
 * @param couponId the coupon
 * @param code its code
 * @param occurredAt when
 * @param actor who refused: the fraud guard
 * @param userId the customer who tried
 * @param kind validate or apply
 * @param reason why: {@link RejectionReason#SUSPECTED_FRAUD}
 * @param score the fraud score
 * @param signals the evidence
 */
public record CouponRejected(
        CouponId couponId, CouponCode code, Instant occurredAt, Actor actor, UserId userId, AttemptKind kind,
        RejectionReason reason, FraudScore score, List<FraudSignal> signals) implements CouponEvent {

    /**
     * Validates the parts.
     *
     * @param couponId the coupon
     * @param code its code
     * @param occurredAt when
     * @param actor who refused: the fraud guard
     * @param userId the customer who tried
     * @param kind validate or apply
     * @param reason why: {@link RejectionReason#SUSPECTED_FRAUD}
     * @param score the fraud score
     * @param signals the evidence
     */
    public CouponRejected {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(code, "code");
        Checks.notNull(occurredAt, "occurredAt");
        Checks.notNull(actor, "actor");
        Checks.notNull(userId, "userId");
        Checks.notNull(kind, "kind");
        Checks.notNull(reason, "reason");
        Checks.notNull(score, "score");
        signals = List.copyOf(Checks.notNull(signals, "signals"));
    }

    @Override
    public EventType type() {
        return EventType.COUPON_REJECTED;
    }
}
