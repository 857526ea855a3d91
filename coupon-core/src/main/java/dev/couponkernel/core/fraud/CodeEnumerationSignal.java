package dev.couponkernel.core.fraud;

import dev.couponkernel.spi.fraud.AttemptContext;
import dev.couponkernel.spi.fraud.AttemptField;
import dev.couponkernel.spi.fraud.AttemptQuery;
import dev.couponkernel.spi.fraud.AttemptQuestion;
import dev.couponkernel.spi.fraud.FraudCheck;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.fraud.FraudSignalProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Brute-force protection against guessing codes: once a user, a device or an IP has typed {@code
 * threshold} codes that match no coupon within {@code window}, every attempt of that subject, valid
 * code or not, scores 100 ({@code code-enumeration.user}, {@code .device}, {@code .ip}) until {@code
 * coolDown} has passed since the attempt that reached the threshold. Unknown codes typed during the
 * cool-down count too, so a bot that keeps guessing keeps itself blocked.
 *
 * <p>Defaults: 5 unknown codes within 10 minutes per user or device, 15 per IP, a 30-minute
 * cool-down. The attempt that reaches the threshold is itself blocked. An IP address is shared by
 * many people, so its rule counts only while unknown codes are at least half of the address's
 * attempts in the window ({@link #ipUnknownShare}). Immutable and thread-safe.
 */
public final class CodeEnumerationSignal implements FraudSignalProvider {

    /** The most recent unknown-code instants read per subject; enough for any threshold up to it. */
    static final int MAX_THRESHOLD = 1000;

    private record Rule(int threshold, Duration window) {}

    private final Map<AttemptField, Rule> rules;
    private final Duration coolDown;
    private final int ipUnknownShare;

    private CodeEnumerationSignal(Map<AttemptField, Rule> rules, Duration coolDown, int ipUnknownShare) {
        this.rules = rules;
        this.coolDown = coolDown;
        this.ipUnknownShare = ipUnknownShare;
    }

    /** @return the provider with the default thresholds */
    public static CodeEnumerationSignal defaults() {
        Map<AttemptField, Rule> m = new EnumMap<>(AttemptField.class);
        m.put(AttemptField.USER, new Rule(5, Duration.ofMinutes(10)));
        m.put(AttemptField.DEVICE, new Rule(5, Duration.ofMinutes(10)));
        m.put(AttemptField.IP, new Rule(15, Duration.ofMinutes(10)));
        return new CodeEnumerationSignal(m, Duration.ofMinutes(30), 50);
    }

    /**
     * @param field USER, DEVICE or IP
     * @param threshold unknown codes within the window that start the cool-down, 1 to 1000
     * @param window the window, positive
     * @return a provider with this rule changed
     */
    public CodeEnumerationSignal threshold(AttemptField field, int threshold, Duration window) {
        Subjects.requireSubject(field, "enumeration");
        if (threshold > MAX_THRESHOLD) {
            throw new dev.couponkernel.spi.error.InvalidInputException("enumeration.threshold", "must be at most " + MAX_THRESHOLD + ", was " + threshold);
        }
        Map<AttemptField, Rule> m = new EnumMap<>(rules);
        m.put(field, new Rule(Window.atLeast(threshold, 1, "enumeration.threshold"), Window.positive(window, "enumeration.window")));
        return new CodeEnumerationSignal(m, coolDown, ipUnknownShare);
    }

    /**
     * @param coolDown how long a subject stays blocked after reaching a threshold, positive
     * @return a provider with this cool-down
     */
    public CodeEnumerationSignal coolDown(Duration coolDown) {
        return new CodeEnumerationSignal(rules, Window.positive(coolDown, "enumeration.coolDown"), ipUnknownShare);
    }

    /**
     * An address is shared (an office, a carrier's NAT), so its rule also asks that unknown codes be
     * at least this share of all the address's attempts within the window: a bot guessing from one
     * address is caught, fifty colleagues of whom some mistype a code are not.
     *
     * @param percent 0 (count only) to 100; 50 by default
     * @return a provider with this share
     */
    public CodeEnumerationSignal ipUnknownShare(int percent) {
        if (percent < 0 || percent > 100) {
            throw new dev.couponkernel.spi.error.InvalidInputException("enumeration.ipUnknownShare", "must be 0 to 100, was " + percent);
        }
        return new CodeEnumerationSignal(rules, coolDown, percent);
    }

    /**
     * Per watched field the attempt has a value of: the latest unknown codes it tried within the window
     * and cool-down; for the IP address, when the share rule is on, also its attempts within the window
     * and how many of them were unknown codes.
     */
    @Override
    public List<AttemptQuestion> questions(FraudCheck check) {
        AttemptContext a = check.attempt();
        List<AttemptQuestion> questions = new ArrayList<>();
        for (Map.Entry<AttemptField, Rule> e : rules.entrySet()) {
            String value = Subjects.value(a, e.getKey());
            if (value == null) {
                continue;
            }
            if (e.getKey() == AttemptField.IP && ipUnknownShare > 0) {
                AttemptQuery inWindow = ipInWindow(value, e.getValue(), a);
                questions.add(AttemptQuestion.count(inWindow));
                questions.add(AttemptQuestion.count(inWindow.withUnknownCodeOnly()));
            }
            questions.add(unknownCodes(e.getKey(), value, e.getValue(), a));
        }
        return questions;
    }

    private static AttemptQuery ipInWindow(String ip, Rule rule, AttemptContext a) {
        return AttemptQuery.where(AttemptField.IP, ip, a.at().minus(rule.window()));
    }

    private AttemptQuestion unknownCodes(AttemptField field, String value, Rule rule, AttemptContext a) {
        return AttemptQuestion.recentTimes(AttemptQuery.where(field, value, a.at().minus(rule.window()).minus(coolDown))
                .withUnknownCodeOnly(), MAX_THRESHOLD);
    }

    @Override
    public List<FraudSignal> signals(FraudCheck check) {
        AttemptContext a = check.attempt();
        List<FraudSignal> found = new ArrayList<>();
        for (Map.Entry<AttemptField, Rule> e : rules.entrySet()) {
            String value = Subjects.value(a, e.getKey());
            if (value == null) {
                continue;
            }
            Rule rule = e.getValue();
            if (e.getKey() == AttemptField.IP && ipUnknownShare > 0 && !mostlyUnknown(check, value, rule, a)) {
                continue;
            }
            List<Instant> newestFirst = new ArrayList<>(check.history().answer(unknownCodes(e.getKey(), value, rule, a)).times());
            if (check.coupon().isEmpty()) {
                newestFirst.add(0, a.at());
            }
            Instant reached = reached(newestFirst, rule, a.at());
            if (reached != null) {
                found.add(FraudSignal.of("code-enumeration." + Window.lower(e.getKey()), 100, rule.threshold()
                        + " unknown codes by this " + Window.lower(e.getKey()) + " within " + Window.words(rule.window())
                        + "; blocked until " + reached.plus(coolDown)));
            }
        }
        return found;
    }

    /** Whether unknown codes are at least {@code ipUnknownShare} percent of the address's attempts in the window, this one included. */
    private boolean mostlyUnknown(FraudCheck check, String ip, Rule rule, AttemptContext a) {
        AttemptQuery inWindow = ipInWindow(ip, rule, a);
        long all = check.history().answer(AttemptQuestion.count(inWindow)).count() + 1;
        long unknown = check.history().answer(AttemptQuestion.count(inWindow.withUnknownCodeOnly())).count()
                + (check.coupon().isEmpty() ? 1 : 0);
        return unknown * 100 >= (long) ipUnknownShare * all;
    }

    /**
     * @return the latest instant at which {@code threshold} unknown codes fell within the window, if it
     *     is within the cool-down before {@code now}; else null
     */
    private Instant reached(List<Instant> newestFirst, Rule rule, Instant now) {
        List<Instant> times = new ArrayList<>(newestFirst);
        times.sort(java.util.Comparator.reverseOrder());
        int n = rule.threshold();
        for (int j = 0; j + n - 1 < times.size(); j++) {
            Instant last = times.get(j);
            if (last.isBefore(now.minus(coolDown))) {
                return null;
            }
            Instant first = times.get(j + n - 1);
            if (!last.minus(rule.window()).isAfter(first)) {
                return last;
            }
        }
        return null;
    }
}
