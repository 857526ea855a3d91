package dev.couponkernel.core.fraud;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.fraud.AttemptContext;
import dev.couponkernel.spi.fraud.AttemptField;
import dev.couponkernel.spi.fraud.AttemptKind;
import dev.couponkernel.spi.fraud.AttemptOutcome;
import dev.couponkernel.spi.fraud.AttemptQuery;
import dev.couponkernel.spi.fraud.AttemptQuestion;
import dev.couponkernel.spi.fraud.FraudCheck;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.fraud.FraudSignalProvider;
import dev.couponkernel.spi.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Sock-puppet hoarding: fresh accounts locking a coupon's uses from one device, one IP address or
 * one card, to hold them and never pay, so that honest customers find the coupon used up until the
 * locks time out. When a new account applies a coupon and other new accounts already locked it from
 * the same device, address or card within {@code window}, the attempt is flagged at {@code reviewAt}
 * such accounts ({@code lock-hoarding.device}, {@code .ip}, {@code .payment}, score 45) and blocked at
 * {@code blockAt} (score 80), so no lock is taken.
 *
 * <p>Only applies (locks) count, only new accounts are counted and only a new account is signalled:
 * an office or a household of established customers behind one address is never affected, however
 * many of them use the coupon.
 *
 * <p>Defaults: accounts created within the last 7 days are new; within 30 minutes (twice the default
 * lock time-to-live, so the locks may still be held) review at 3 and block at 5 other new accounts per
 * device or card, review at 5 and block at 10 per IP address (addresses are shared). Immutable and
 * thread-safe.
 */
public final class LockHoardingSignal implements FraudSignalProvider {

    private record Limit(int reviewAt, int blockAt) {}

    private final Map<AttemptField, Limit> limits;
    private final Duration window;
    private final Duration newAccountAge;

    private LockHoardingSignal(Map<AttemptField, Limit> limits, Duration window, Duration newAccountAge) {
        this.limits = limits;
        this.window = window;
        this.newAccountAge = newAccountAge;
    }

    /** @return the provider with the defaults */
    public static LockHoardingSignal defaults() {
        Map<AttemptField, Limit> m = new EnumMap<>(AttemptField.class);
        m.put(AttemptField.DEVICE, new Limit(3, 5));
        m.put(AttemptField.IP, new Limit(5, 10));
        m.put(AttemptField.PAYMENT, new Limit(3, 5));
        return new LockHoardingSignal(m, Duration.ofMinutes(30), Duration.ofDays(7));
    }

    /**
     * @param field DEVICE, IP or PAYMENT
     * @param reviewAt other new accounts holding locks that flag an attempt, at least 1
     * @param blockAt other new accounts that block it, at least {@code reviewAt}
     * @return a provider with this limit changed
     */
    public LockHoardingSignal limit(AttemptField field, int reviewAt, int blockAt) {
        Checks.notNull(field, "field");
        if (field != AttemptField.DEVICE && field != AttemptField.IP && field != AttemptField.PAYMENT) {
            throw new InvalidInputException("field", "lock hoarding is kept per DEVICE, IP or PAYMENT, not " + field);
        }
        Window.atLeast(reviewAt, 1, "lockHoarding.reviewAt");
        if (blockAt < reviewAt) {
            throw new InvalidInputException("lockHoarding.blockAt", "must be at least reviewAt (" + reviewAt + "), was " + blockAt);
        }
        Map<AttemptField, Limit> m = new EnumMap<>(limits);
        m.put(field, new Limit(reviewAt, blockAt));
        return new LockHoardingSignal(m, window, newAccountAge);
    }

    /**
     * @param window how far back locks count, positive
     * @param newAccountAge accounts younger than this are new, positive
     * @return a provider with these durations
     */
    public LockHoardingSignal within(Duration window, Duration newAccountAge) {
        return new LockHoardingSignal(limits, Window.positive(window, "lockHoarding.window"),
                Window.positive(newAccountAge, "lockHoarding.newAccountAge"));
    }

    /**
     * For a new account applying a known coupon, per limited field the attempt has: the other new
     * accounts that locked the coupon with it within the window.
     */
    @Override
    public List<AttemptQuestion> questions(FraudCheck check) {
        AttemptContext a = check.attempt();
        if (a.kind() != AttemptKind.APPLY || check.coupon().isEmpty()) {
            return List.of();
        }
        Instant newSince = a.at().minus(newAccountAge);
        if (!a.accountCreatedAt().isAfter(newSince)) {
            return List.of();
        }
        List<AttemptQuestion> questions = new ArrayList<>();
        for (Map.Entry<AttemptField, Limit> e : limits.entrySet()) {
            String value = Subjects.value(a, e.getKey());
            if (value != null) {
                questions.add(AttemptQuestion.countDistinct(AttemptQuery.where(e.getKey(), value, a.at().minus(window))
                        .withCoupon(check.coupon().get().id()).withKind(AttemptKind.APPLY).withOutcomes(AttemptOutcome.ACCEPTED)
                        .withAccountsCreatedAfter(newSince).withoutUser(a.userId()), AttemptField.USER));
            }
        }
        return questions;
    }

    @Override
    public List<FraudSignal> signals(FraudCheck check) {
        List<FraudSignal> found = new ArrayList<>();
        for (AttemptQuestion question : questions(check)) {
            CouponRecord coupon = check.coupon().orElseThrow(); // questions are asked only for a known coupon
            AttemptField field = question.query().field();
            long others = check.history().answer(question).count();
            Limit limit = limits.get(field);
            if (others >= limit.reviewAt()) {
                found.add(FraudSignal.of("lock-hoarding." + Window.lower(field), others >= limit.blockAt() ? 80 : 45,
                        others + " other new accounts locked coupon " + coupon.definition().code() + " with this "
                                + Window.lower(field) + " within " + Window.words(window) + " (review at "
                                + limit.reviewAt() + ", block at " + limit.blockAt() + ")"));
            }
        }
        return found;
    }
}
