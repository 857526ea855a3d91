package dev.couponkernel.core;

import dev.couponkernel.core.coupon.Coupon;
import dev.couponkernel.core.fraud.AutoSuspend;
import dev.couponkernel.core.fraud.FraudGuard;
import dev.couponkernel.core.fraud.FraudVerdict;
import dev.couponkernel.core.pricing.AppliedCoupon;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.RejectedCoupon;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.error.IllegalCouponStateException;
import dev.couponkernel.spi.event.AlertLevel;
import dev.couponkernel.spi.event.CouponRejected;
import dev.couponkernel.spi.event.SecurityAlertRaised;
import dev.couponkernel.spi.fraud.AttemptContext;
import dev.couponkernel.spi.fraud.AttemptField;
import dev.couponkernel.spi.fraud.AttemptKind;
import dev.couponkernel.spi.fraud.AttemptLog;
import dev.couponkernel.spi.fraud.AttemptOutcome;
import dev.couponkernel.spi.fraud.AttemptQuery;
import dev.couponkernel.spi.fraud.AttemptRecord;
import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.fraud.FraudCheck;
import dev.couponkernel.spi.fraud.FraudDecision;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.FraudScore;
import dev.couponkernel.spi.value.Money;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's side of the fraud guard: screens each typed code before anything is locked, records
 * every attempt, audits and publishes refusals and alerts, and suspends a coupon when its rule says
 * so. Thread-safe: it keeps no state of its own.
 */
final class FraudGate {

    private static final Logger LOG = LoggerFactory.getLogger(FraudGuard.class);

    private final FraudGuard guard;
    private final AttemptLog attempts;
    private final CouponStorage storage;
    private final BiConsumer<CouponId, String> suspend;

    FraudGate(FraudGuard guard, CouponStorage storage, BiConsumer<CouponId, String> suspend) {
        this.guard = guard;
        this.attempts = guard.attempts();
        this.storage = storage;
        this.suspend = suspend;
    }

    /** One distinct typed code, its coupon and the guard's verdict. */
    record Screened(CouponCode code, Optional<Coupon> coupon, AttemptContext context, FraudVerdict verdict) {

        /** @return whether screening recorded the attempt already: a blocked one, or an unknown code */
        boolean recorded() {
            return verdict.blocked() || coupon.isEmpty();
        }
    }

    /**
     * Screens each distinct code in turn: asks the guard, records an unknown code's attempt at once (so
     * the next code of the same request is judged with it), and for each blocked one records the attempt,
     * audits and publishes the refusal (and an alert for a coupon's first block in the alert window),
     * and applies the coupon's auto-suspension rule. Nothing is locked here.
     *
     * @return the screened codes, in typed order
     */
    List<Screened> screen(AttemptKind kind, List<String> typed, List<CouponCode> codes,
            Map<CouponCode, Optional<Coupon>> coupons, Customer customer, Cart cart, ClientInfo client, Instant now,
            PricingDecision dryRun) {
        Map<CouponCode, Screened> screened = new LinkedHashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            CouponCode code = codes.get(i);
            if (screened.containsKey(code)) {
                continue;
            }
            Optional<Coupon> coupon = coupons.getOrDefault(code, Optional.empty());
            AttemptContext context = new AttemptContext(typed.get(i), customer.id(), customer.accountCreatedAt(), client,
                    cart.subtotal(), now, kind);
            Money discount = coupon.flatMap(c -> dryRun.applied().stream().filter(a -> a.couponId().equals(c.id()))
                    .map(AppliedCoupon::amount).findFirst()).orElse(Money.zero(cart.currency()));
            FraudVerdict verdict = guard.assess(new FraudCheck(context, coupon.map(Coupon::toRecord), discount, attempts));
            verdict.signals().stream().filter(s -> s.name().equals("provider-error"))
                    .forEach(s -> LOG.warn("a fraud signal provider failed: {}", s.evidence()));
            Screened s = new Screened(code, coupon, context, verdict);
            screened.put(code, s);
            if (verdict.blocked()) {
                block(s);
            } else if (coupon.isEmpty()) {
                // an unknown code's outcome is known now: recorded before the next code of the same
                // request is screened, so each code of a request counts as an attempt of its own
                record(s, AttemptOutcome.REJECTED, RejectionReason.UNKNOWN_CODE);
            }
        }
        return List.copyOf(screened.values());
    }

    private void block(Screened s) {
        FraudVerdict v = s.verdict();
        LOG.warn("fraud guard blocked {} for user {} (score {}): {}", s.code(), s.context().userId(), v.score().value(),
                v.signals());
        if (s.coupon().isEmpty()) {
            record(s, AttemptOutcome.BLOCKED, RejectionReason.SUSPECTED_FRAUD);
            return;
        }
        Coupon coupon = s.coupon().get();
        Instant now = s.context().at();
        boolean firstBlock = attempts.count(AttemptQuery.where(AttemptField.COUPON, coupon.id().value(),
                now.minus(guard.alertWindow())).withOutcomes(AttemptOutcome.BLOCKED)) == 0;
        record(s, AttemptOutcome.BLOCKED, RejectionReason.SUSPECTED_FRAUD);
        storage.coupons().note(new CouponRejected(coupon.id(), coupon.definition().code(), now, Actor.FRAUD_GUARD,
                s.context().userId(), s.context().kind(), RejectionReason.SUSPECTED_FRAUD, v.score(), v.signals()));
        if (firstBlock) {
            storage.coupons().note(new SecurityAlertRaised(coupon.id(), coupon.definition().code(), now, Actor.FRAUD_GUARD,
                    AlertLevel.BLOCK, s.context().userId(), v.score(), v.signals(),
                    summary("attempts to use " + coupon.code() + " are being blocked", v.signals())));
        }
        guard.rulesFor(coupon.definition().code()).autoSuspendRule().ifPresent(rule -> autoSuspend(coupon, rule, now));
    }

    private void autoSuspend(Coupon coupon, AutoSuspend rule, Instant now) {
        Instant since = now.minus(rule.window());
        AttemptQuery all = AttemptQuery.where(AttemptField.COUPON, coupon.id().value(), since);
        long blocked = subjects(all.withOutcomes(AttemptOutcome.BLOCKED));
        if (blocked < rule.minBlocked()) {
            return;
        }
        long total = subjects(all);
        if (!rule.reached(blocked, total)) {
            return;
        }
        Optional<CouponRecord> current = storage.coupons().findById(coupon.id());
        if (current.isEmpty() || current.get().status() != CouponStatus.ACTIVE) {
            return;
        }
        String reason = blocked + " of " + total + " subjects trying it blocked as suspected fraud within "
                + rule.window().toMinutes() + " min (rule: at least " + rule.minBlocked() + " and "
                + rule.blockedPercent() + "%)";
        try {
            suspend.accept(coupon.id(), reason);
        } catch (ConflictException | IllegalCouponStateException raced) {
            LOG.info("coupon {} changed while the fraud guard suspended it: {}", coupon.code(), raced.getMessage());
            return;
        }
        LOG.warn("fraud guard suspended coupon {}: {}", coupon.code(), reason);
        storage.coupons().note(new SecurityAlertRaised(coupon.id(), coupon.definition().code(), now, Actor.FRAUD_GUARD,
                AlertLevel.SUSPENDED, null, FraudScore.NONE, List.of(), summary("coupon " + coupon.code()
                        + " suspended by the fraud guard until staff lift it: " + reason, List.of())));
    }

    /**
     * The distinct subjects among the attempts a query matches: the fewest distinct values of
     * customer, device and IP address, each where any attempt has one (see {@link AutoSuspend}).
     */
    private long subjects(AttemptQuery query) {
        long fewest = attempts.countDistinct(query, AttemptField.USER);
        for (AttemptField field : List.of(AttemptField.DEVICE, AttemptField.IP)) {
            long distinct = attempts.countDistinct(query, field);
            if (distinct > 0) {
                fewest = Math.min(fewest, distinct);
            }
        }
        return fewest;
    }

    /**
     * Records the attempts that were not blocked, with how they ended in the final decision, and raises
     * an alert for each one flagged for review.
     */
    void settle(List<Screened> screened, PricingDecision decision) {
        Set<CouponCode> applied = Set.copyOf(decision.appliedCodes());
        for (Screened s : screened) {
            if (s.recorded()) {
                continue;
            }
            if (applied.contains(s.code())) {
                record(s, AttemptOutcome.ACCEPTED, null);
            } else {
                RejectionReason reason = decision.rejected().stream().filter(r -> r.code().equals(s.code()))
                        .map(RejectedCoupon::reason).findFirst().orElse(RejectionReason.UNKNOWN_CODE);
                record(s, AttemptOutcome.REJECTED, reason);
            }
            if (s.verdict().decision() == FraudDecision.REVIEW && s.coupon().isPresent()) {
                Coupon coupon = s.coupon().get();
                FraudVerdict v = s.verdict();
                LOG.info("fraud guard flagged {} for user {} for review (score {}): {}", s.code(),
                        s.context().userId(), v.score().value(), v.signals());
                storage.coupons().note(new SecurityAlertRaised(coupon.id(), coupon.definition().code(), s.context().at(),
                        Actor.FRAUD_GUARD, AlertLevel.REVIEW, s.context().userId(), v.score(), v.signals(),
                        summary("an attempt to use " + coupon.code() + " needs review", v.signals())));
            }
        }
    }

    /** Records an attempt whose code could not be read (a malformed code), before the request fails. */
    void recordMalformed(AttemptKind kind, String typed, Customer customer, Cart cart, ClientInfo client, Instant now) {
        AttemptContext context = new AttemptContext(typed, customer.id(), customer.accountCreatedAt(), client,
                cart.subtotal(), now, kind);
        attempts.record(new AttemptRecord(context, null, AttemptOutcome.REJECTED, RejectionReason.UNKNOWN_CODE,
                FraudScore.NONE, FraudDecision.ALLOW, List.of()));
    }

    private void record(Screened s, AttemptOutcome outcome, RejectionReason reason) {
        FraudVerdict v = s.verdict();
        attempts.record(new AttemptRecord(s.context(), s.coupon().map(Coupon::id).orElse(null), outcome, reason,
                v.score(), v.decision(), v.signals()));
    }

    private static String summary(String text, List<FraudSignal> signals) {
        String full = signals.isEmpty() ? text : text + " (" + signals.get(0).name() + ": " + signals.get(0).evidence() + ")";
        return full.length() <= 512 ? full : full.substring(0, 509) + "...";
    }
}
