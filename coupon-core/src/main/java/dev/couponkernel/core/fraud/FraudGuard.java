package dev.couponkernel.core.fraud;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.fraud.AttemptLog;
import dev.couponkernel.spi.fraud.AttemptQuestion;
import dev.couponkernel.spi.fraud.FraudCheck;
import dev.couponkernel.spi.fraud.FraudDecision;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.fraud.FraudSignalProvider;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.FraudScore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fraud guard's configuration and its verdict on one attempt. Give one to {@code
 * CouponKernel.builder().fraudGuard(...)}: the kernel then records every validate and apply attempt in
 * the guard's {@link AttemptLog}, asks the guard before locking, refuses blocked attempts with
 * {@code SUSPECTED_FRAUD}, and audits and publishes refusals and alerts.
 *
 * <p><b>Score.</b> Each provider returns signals scored 0 to 100. They combine like independent
 * pieces of evidence: {@code score = 100 * (1 - (1 - s1/100) * (1 - s2/100) * ...)}, rounded to the
 * nearest integer. The result stays within 0 to 100, never falls when a signal is added, equals a
 * lone signal's score, and reaches 100 only when some signal is 100. Two signals of 45 give 70.
 *
 * <p><b>Decision.</b> The coupon's own {@link FraudThresholds} when it has some, else the guard's
 * (review from 40, block from 70 by default). Attempts whose code matches no coupon use the
 * guard's.
 *
 * <p><b>Provider failures.</b> A provider that throws adds the signal {@code provider-error} with the
 * configured failure score (0 by default, so a broken provider does not block customers; set it higher
 * to fail closed).
 *
 * <p><b>History reads.</b> Before asking for signals the guard collects every provider's {@link
 * FraudSignalProvider#questions questions} about the attempt and asks them of the log in one {@link
 * AttemptLog#answerAll} call (at most {@value AttemptLog#MAX_QUESTIONS} per call); the providers then
 * read the answers from the history they are given. When that call fails, each provider reads the log
 * itself, as it would without declared questions.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class FraudGuard {

    private final AttemptLog attempts;
    private final List<FraudSignalProvider> providers;
    private final FraudThresholds thresholds;
    private final Map<CouponCode, CouponFraudRules> couponRules;
    private final CouponFraudRules defaultRules;
    private final Duration alertWindow;
    private final int failureScore;
    private final List<FraudVerdictListener> listeners;

    private FraudGuard(Builder b) {
        this.attempts = b.attempts;
        this.providers = List.copyOf(b.providers);
        this.thresholds = b.thresholds;
        this.couponRules = Map.copyOf(b.couponRules);
        this.defaultRules = b.defaultRules;
        this.alertWindow = b.alertWindow;
        this.failureScore = b.failureScore;
        this.listeners = List.copyOf(b.listeners);
    }

    /**
     * @param attempts where attempts are recorded and read back
     * @return a builder with no providers yet
     */
    public static Builder builder(AttemptLog attempts) {
        return new Builder(attempts);
    }

    /**
     * @param attempts where attempts are recorded and read back
     * @return a guard with every built-in provider at its defaults (no private codes watched) and the
     *     default thresholds
     */
    public static FraudGuard standard(AttemptLog attempts) {
        return builder(attempts).standardProviders().build();
    }

    /** @return the attempt log */
    public AttemptLog attempts() {
        return attempts;
    }

    /** @return the providers, in the order they are asked */
    public List<FraudSignalProvider> providers() {
        return providers;
    }

    /**
     * @param code a coupon's code
     * @return its rules: its own, or the default rules
     */
    public CouponFraudRules rulesFor(CouponCode code) {
        return couponRules.getOrDefault(Checks.notNull(code, "code"), defaultRules);
    }

    /**
     * @param code a coupon's code, or null for an attempt whose code matches no coupon
     * @return the thresholds that decide its attempts
     */
    public FraudThresholds thresholdsFor(CouponCode code) {
        return code == null ? thresholds : rulesFor(code).ownThresholds().orElse(thresholds);
    }

    /** @return how long after a coupon's first blocked attempt further blocks raise no new alert */
    public Duration alertWindow() {
        return alertWindow;
    }

    /**
     * Asks every provider about an attempt and decides.
     *
     * @param check the attempt, its coupon, its discount and the history
     * @return the verdict
     */
    public FraudVerdict assess(FraudCheck check) {
        Checks.notNull(check, "check");
        List<FraudSignal> signals = new ArrayList<>();
        Set<AttemptQuestion> asked = new LinkedHashSet<>();
        boolean[] failed = new boolean[providers.size()];
        for (int i = 0; i < providers.size(); i++) {
            FraudSignalProvider p = providers.get(i);
            try {
                asked.addAll(Checks.notNull(p.questions(check), "questions of " + p.getClass().getName()));
            } catch (RuntimeException e) {
                failed[i] = true;
                signals.add(providerError(p, e));
            }
        }
        FraudCheck answered = AnsweredHistory.around(check, asked);
        for (int i = 0; i < providers.size(); i++) {
            FraudSignalProvider p = providers.get(i);
            if (failed[i]) {
                continue;
            }
            try {
                for (FraudSignal s : Checks.notNull(p.signals(answered), "signals of " + p.getClass().getName())) {
                    if (Checks.notNull(s, "signal").score() > 0) {
                        signals.add(s);
                    }
                }
            } catch (RuntimeException e) {
                signals.add(providerError(p, e));
            }
        }
        signals.sort(Comparator.comparingInt(FraudSignal::score).reversed().thenComparing(FraudSignal::name));
        FraudScore score = combine(signals);
        CouponCode code = check.coupon().map(c -> c.definition().code()).orElse(null);
        FraudDecision decision = thresholdsFor(code).decide(score);
        FraudVerdict verdict = new FraudVerdict(check.attempt().codeAsTyped(), score, decision, signals);
        for (FraudVerdictListener listener : listeners) {
            try {
                listener.verdict(verdict);
            } catch (RuntimeException ignored) {
                // a listener observes; it never changes or stops the verdict
            }
        }
        return verdict;
    }

    private FraudSignal providerError(FraudSignalProvider p, RuntimeException e) {
        String what = p.getClass().getSimpleName() + ": " + e;
        return FraudSignal.of("provider-error", failureScore, what.length() > 500 ? what.substring(0, 500) : what);
    }

    /**
     * Combines signals into a score (see the class description).
     *
     * @param signals the signals
     * @return the score
     */
    public static FraudScore combine(List<FraudSignal> signals) {
        double clean = 1.0;
        for (FraudSignal s : signals) {
            clean *= 1.0 - s.score() / 100.0;
        }
        long score = Math.round(100.0 * (1.0 - clean));
        boolean certain = signals.stream().anyMatch(s -> s.score() == 100);
        if (!certain && score >= 100) {
            score = 99;
        }
        return FraudScore.of((int) Math.max(0, Math.min(100, score)));
    }

    /** Builds a {@link FraudGuard}. Not thread-safe; the guard it builds is. */
    public static final class Builder {
        private final AttemptLog attempts;
        private final List<FraudSignalProvider> providers = new ArrayList<>();
        private FraudThresholds thresholds = FraudThresholds.DEFAULT;
        private final Map<CouponCode, CouponFraudRules> couponRules = new HashMap<>();
        private CouponFraudRules defaultRules = CouponFraudRules.NONE;
        private Duration alertWindow = Duration.ofMinutes(10);
        private int failureScore;
        private final List<FraudVerdictListener> listeners = new ArrayList<>();

        private Builder(AttemptLog attempts) {
            this.attempts = Checks.notNull(attempts, "attempts");
        }

        /**
         * Adds every built-in provider at its defaults: velocity, code enumeration, multi-account, new
         * account with a high-value coupon, lock hoarding by new accounts (and leaked code, watching no code until one is added with
         * {@link #provider} and {@link LeakedCodeSignal#privateCode}).
         *
         * @return this builder
         */
        public Builder standardProviders() {
            providers.add(VelocitySignal.defaults());
            providers.add(CodeEnumerationSignal.defaults());
            providers.add(MultiAccountSignal.defaults());
            providers.add(NewAccountSignal.defaults());
            providers.add(LockHoardingSignal.defaults());
            return this;
        }

        /**
         * @param provider a provider to ask too: a tuned built-in or the host's own
         * @return this builder
         */
        public Builder provider(FraudSignalProvider provider) {
            providers.add(Checks.notNull(provider, "provider"));
            return this;
        }

        /**
         * @param thresholds the global thresholds
         * @return this builder
         */
        public Builder thresholds(FraudThresholds thresholds) {
            this.thresholds = Checks.notNull(thresholds, "thresholds");
            return this;
        }

        /**
         * @param code a coupon's code
         * @param rules its own rules
         * @return this builder
         */
        public Builder couponRules(String code, CouponFraudRules rules) {
            couponRules.put(CouponCode.parse(Checks.notNull(code, "code")), Checks.notNull(rules, "rules"));
            return this;
        }

        /**
         * @param rules the rules of every coupon without its own (no auto-suspension by default)
         * @return this builder
         */
        public Builder defaultCouponRules(CouponFraudRules rules) {
            this.defaultRules = Checks.notNull(rules, "rules");
            return this;
        }

        /**
         * @param window after a coupon's blocked attempt, how long further blocks raise no new {@code
         *     SecurityAlertRaised} (each is still audited with its own {@code CouponRejected}); 10 minutes by default
         * @return this builder
         */
        public Builder alertWindow(Duration window) {
            this.alertWindow = Window.positive(window, "alertWindow");
            return this;
        }

        /**
         * @param score the score of a provider's failure, 0 (fail open, the default) to 100 (fail closed)
         * @return this builder
         */
        public Builder failureScore(int score) {
            if (score < 0 || score > 100) {
                throw new InvalidInputException("failureScore", "must be 0 to 100, was " + score);
            }
            this.failureScore = score;
            return this;
        }

        /**
         * Adds a listener that hears every verdict (metrics, monitoring); listeners add up, each is
         * called in the order added.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(FraudVerdictListener listener) {
            listeners.add(Checks.notNull(listener, "listener"));
            return this;
        }

        /** @return the guard */
        public FraudGuard build() {
            return new FraudGuard(this);
        }
    }
}
