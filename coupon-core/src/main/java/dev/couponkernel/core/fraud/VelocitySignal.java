package dev.couponkernel.core.fraud;

import dev.couponkernel.spi.fraud.AttemptContext;
import dev.couponkernel.spi.fraud.AttemptField;
import dev.couponkernel.spi.fraud.AttemptQuery;
import dev.couponkernel.spi.fraud.AttemptQuestion;
import dev.couponkernel.spi.fraud.FraudCheck;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.fraud.FraudSignalProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Attempt velocity: how many attempts, of any outcome, one user, one device or one IP made within a
 * sliding window, this one included. Up to the limit nothing is signalled; above it the signal
 * ({@code velocity.user}, {@code velocity.device}, {@code velocity.ip}) scores {@code 50 + 50 *
 * (attempts - limit) / limit}, at most 100: the first attempt over the limit scores just above 50,
 * twice the limit scores 100.
 *
 * <p>Defaults, per minute: 10 per user, 20 per device, 120 per IP. An address is shared (an office, a
 * household, a carrier's NAT), so the IP rule's score is capped at 60: on its own it flags an attempt
 * for review and never blocks it; with another signal it may.
 * With the default thresholds a user's burst is flagged for review from its 11th attempt within a
 * minute and blocked from its 14th. Immutable and thread-safe.
 */
public final class VelocitySignal implements FraudSignalProvider {

    private record Limit(int attempts, Duration window) {}

    /** The highest score the IP rule gives: below the default block threshold (70), so an address alone only flags. */
    static final int IP_SCORE_CAP = 60;

    private final Map<AttemptField, Limit> limits;

    private VelocitySignal(Map<AttemptField, Limit> limits) {
        this.limits = limits;
    }

    /** @return the provider with the default limits */
    public static VelocitySignal defaults() {
        Map<AttemptField, Limit> m = new EnumMap<>(AttemptField.class);
        m.put(AttemptField.USER, new Limit(10, Duration.ofMinutes(1)));
        m.put(AttemptField.DEVICE, new Limit(20, Duration.ofMinutes(1)));
        m.put(AttemptField.IP, new Limit(120, Duration.ofMinutes(1)));
        return new VelocitySignal(m);
    }

    /**
     * @param field USER, DEVICE or IP
     * @param attempts the most attempts within the window that pass unsignalled, at least 1
     * @param window the sliding window, positive
     * @return a provider with this limit changed
     */
    public VelocitySignal limit(AttemptField field, int attempts, Duration window) {
        Subjects.requireSubject(field, "velocity");
        Map<AttemptField, Limit> m = new EnumMap<>(limits);
        m.put(field, new Limit(Window.atLeast(attempts, 1, "velocity.attempts"), Window.positive(window, "velocity.window")));
        return new VelocitySignal(m);
    }

    /** One count per limited field the attempt has a value of: its attempts within the limit's window. */
    @Override
    public List<AttemptQuestion> questions(FraudCheck check) {
        AttemptContext a = check.attempt();
        List<AttemptQuestion> questions = new ArrayList<>();
        for (Map.Entry<AttemptField, Limit> e : limits.entrySet()) {
            String value = Subjects.value(a, e.getKey());
            if (value != null) {
                questions.add(AttemptQuestion.count(AttemptQuery.where(e.getKey(), value, a.at().minus(e.getValue().window()))));
            }
        }
        return questions;
    }

    @Override
    public List<FraudSignal> signals(FraudCheck check) {
        List<FraudSignal> found = new ArrayList<>();
        for (AttemptQuestion question : questions(check)) {
            AttemptField field = question.query().field();
            Limit limit = limits.get(field);
            long attempts = check.history().answer(question).count() + 1;
            if (attempts > limit.attempts()) {
                int score = (int) Math.min(100, 50 + 50 * (attempts - limit.attempts()) / limit.attempts());
                if (field == AttemptField.IP) {
                    // an address is shared (offices, carrier NAT): on its own it flags, never blocks
                    score = Math.min(score, IP_SCORE_CAP);
                }
                found.add(FraudSignal.of("velocity." + Window.lower(field), score, attempts + " attempts by this "
                        + Window.lower(field) + " within " + Window.words(limit.window()) + " (limit "
                        + limit.attempts() + ")"));
            }
        }
        return found;
    }
}
