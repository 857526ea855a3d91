package dev.couponkernel.core.fraud;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.fraud.AttemptContext;
import dev.couponkernel.spi.fraud.AttemptField;
import dev.couponkernel.spi.fraud.AttemptOutcome;
import dev.couponkernel.spi.fraud.AttemptQuery;
import dev.couponkernel.spi.fraud.AttemptQuestion;
import dev.couponkernel.spi.fraud.FraudCheck;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.fraud.FraudSignalProvider;
import dev.couponkernel.spi.error.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-account abuse: other customers who already got the same coupon from the same device or with
 * the same payment fingerprint within a window ({@code multi-account.device}, {@code
 * multi-account.payment}). An attempt whose device or payment fingerprint already served {@code
 * reviewAt} other customers scores 45 (flagged); {@code blockAt} or more scores 80 (blocked).
 *
 * <p>"Got" means an accepted attempt: a validate that found the coupon would apply or an apply that
 * locked it. Defaults: flagged at 2 other customers, blocked at 3, within 24 hours; so of many
 * accounts on one device, at most 3 get a coupon. Immutable and thread-safe.
 */
public final class MultiAccountSignal implements FraudSignalProvider {

    private final int reviewAt;
    private final int blockAt;
    private final Duration window;

    private MultiAccountSignal(int reviewAt, int blockAt, Duration window) {
        this.reviewAt = reviewAt;
        this.blockAt = blockAt;
        this.window = window;
    }

    /** @return the provider with the defaults */
    public static MultiAccountSignal defaults() {
        return new MultiAccountSignal(2, 3, Duration.ofHours(24));
    }

    /**
     * @param reviewAt other customers that make an attempt flagged, at least 1
     * @param blockAt other customers that make it blocked, at least {@code reviewAt}
     * @param window the window, positive
     * @return a provider with these limits
     */
    public MultiAccountSignal limits(int reviewAt, int blockAt, Duration window) {
        Window.atLeast(reviewAt, 1, "multiAccount.reviewAt");
        if (blockAt < reviewAt) {
            throw new InvalidInputException("multiAccount.blockAt", "must be at least reviewAt (" + reviewAt + "), was " + blockAt);
        }
        return new MultiAccountSignal(reviewAt, blockAt, Window.positive(window, "multiAccount.window"));
    }

    /**
     * For a known coupon, per device and payment fingerprint the attempt has: the other customers who
     * got the coupon with it within the window.
     */
    @Override
    public List<AttemptQuestion> questions(FraudCheck check) {
        if (check.coupon().isEmpty()) {
            return List.of();
        }
        AttemptContext a = check.attempt();
        List<AttemptQuestion> questions = new ArrayList<>();
        for (AttemptField field : List.of(AttemptField.DEVICE, AttemptField.PAYMENT)) {
            String value = Subjects.value(a, field);
            if (value != null) {
                questions.add(AttemptQuestion.countDistinct(AttemptQuery.where(field, value, a.at().minus(window))
                        .withCoupon(check.coupon().get().id()).withOutcomes(AttemptOutcome.ACCEPTED).withoutUser(a.userId()),
                        AttemptField.USER));
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
            if (others >= reviewAt) {
                int score = others >= blockAt ? 80 : 45;
                found.add(FraudSignal.of("multi-account." + Window.lower(field), score, others
                        + " other customers got coupon " + coupon.definition().code() + " with this " + Window.lower(field)
                        + " within " + Window.words(window) + " (review at " + reviewAt + ", block at " + blockAt + ")"));
            }
        }
        return found;
    }
}
