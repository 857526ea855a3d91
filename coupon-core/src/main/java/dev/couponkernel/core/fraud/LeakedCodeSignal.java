package dev.couponkernel.core.fraud;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.fraud.AttemptField;
import dev.couponkernel.spi.fraud.AttemptOutcome;
import dev.couponkernel.spi.fraud.AttemptQuery;
import dev.couponkernel.spi.fraud.AttemptQuestion;
import dev.couponkernel.spi.fraud.FraudCheck;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.fraud.FraudSignalProvider;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A leaked private code: a coupon meant for one customer or a small audience, used by more customers,
 * devices or IPs than that audience explains within a short window ({@code leaked-code}, score 90).
 *
 * <p>The host names its private codes and their audience (how many customers the code was given
 * to). Within the window (1 hour by default) an attempt is signalled when, counting it, the coupon
 * was got by more than {@code audience} customers, from more than {@code audience * devicesPerCustomer}
 * devices (2 by default) or from more than {@code audience * ipsPerCustomer} IPs (3 by default: phone
 * networks change addresses). Codes not named are never signalled. Immutable and thread-safe.
 */
public final class LeakedCodeSignal implements FraudSignalProvider {

    private final Map<CouponCode, Integer> audiences;
    private final Duration window;
    private final int devicesPerCustomer;
    private final int ipsPerCustomer;

    private LeakedCodeSignal(Map<CouponCode, Integer> audiences, Duration window, int devicesPerCustomer, int ipsPerCustomer) {
        this.audiences = Map.copyOf(audiences);
        this.window = window;
        this.devicesPerCustomer = devicesPerCustomer;
        this.ipsPerCustomer = ipsPerCustomer;
    }

    /** @return the provider watching no code yet, with the default window and allowances */
    public static LeakedCodeSignal defaults() {
        return new LeakedCodeSignal(Map.of(), Duration.ofHours(1), 2, 3);
    }

    /**
     * @param code a private code
     * @param audience how many customers it was given to, at least 1
     * @return a provider that also watches this code
     */
    public LeakedCodeSignal privateCode(String code, int audience) {
        Map<CouponCode, Integer> m = new HashMap<>(audiences);
        m.put(CouponCode.parse(Checks.notNull(code, "code")), Window.atLeast(audience, 1, "leakedCode.audience"));
        return new LeakedCodeSignal(m, window, devicesPerCustomer, ipsPerCustomer);
    }

    /**
     * @param window the window, positive
     * @param devicesPerCustomer devices allowed per customer of the audience, at least 1
     * @param ipsPerCustomer IPs allowed per customer of the audience, at least 1
     * @return a provider with these allowances
     */
    public LeakedCodeSignal allowances(Duration window, int devicesPerCustomer, int ipsPerCustomer) {
        return new LeakedCodeSignal(audiences, Window.positive(window, "leakedCode.window"),
                Window.atLeast(devicesPerCustomer, 1, "leakedCode.devicesPerCustomer"),
                Window.atLeast(ipsPerCustomer, 1, "leakedCode.ipsPerCustomer"));
    }

    private static final List<AttemptField> WATCHED = List.of(AttemptField.USER, AttemptField.DEVICE, AttemptField.IP);

    /**
     * For a watched coupon, per customer, device and IP the attempt has a value of, two questions: how
     * many distinct values of it got the coupon within the window, and whether this attempt's value did.
     */
    @Override
    public List<AttemptQuestion> questions(FraudCheck check) {
        if (check.coupon().isEmpty() || !audiences.containsKey(check.coupon().get().definition().code())) {
            return List.of();
        }
        CouponRecord coupon = check.coupon().get();
        Instant since = check.attempt().at().minus(window);
        AttemptQuery got = AttemptQuery.where(AttemptField.COUPON, coupon.id().value(), since)
                .withOutcomes(AttemptOutcome.ACCEPTED);
        List<AttemptQuestion> questions = new ArrayList<>();
        for (AttemptField field : WATCHED) {
            String value = Subjects.value(check.attempt(), field);
            if (value != null) {
                questions.add(AttemptQuestion.countDistinct(got, field));
                questions.add(AttemptQuestion.count(AttemptQuery.where(field, value, since)
                        .withCoupon(coupon.id()).withOutcomes(AttemptOutcome.ACCEPTED)));
            }
        }
        return questions;
    }

    @Override
    public List<FraudSignal> signals(FraudCheck check) {
        List<AttemptQuestion> questions = questions(check);
        if (questions.isEmpty()) {
            return List.of();
        }
        CouponRecord coupon = check.coupon().orElseThrow();
        int audience = audiences.get(coupon.definition().code());
        StringBuilder evidence = new StringBuilder();
        for (int i = 0; i < questions.size(); i += 2) {
            AttemptField field = questions.get(i).field();
            Allowance allowance = switch (field) {
                case USER -> new Allowance(audience, "customers");
                case DEVICE -> new Allowance((long) audience * devicesPerCustomer, "devices");
                case IP -> new Allowance((long) audience * ipsPerCustomer, "IPs");
                case PAYMENT, COUPON -> throw new IllegalStateException("not watched: " + field);
            };
            check(check, questions.get(i), questions.get(i + 1), allowance.most(), allowance.noun(), evidence);
        }
        if (evidence.length() == 0) {
            return List.of();
        }
        return List.of(FraudSignal.of("leaked-code", 90, "private code " + coupon.definition().code() + " (audience "
                + audience + ") got within " + Window.words(window) + " by " + evidence));
    }

    /** How many distinct values of a watched field may get the code, and what they are called. */
    private record Allowance(long most, String noun) {}

    private static void check(FraudCheck check, AttemptQuestion distinctValues, AttemptQuestion thisValue, long allowed,
            String noun, StringBuilder evidence) {
        long distinct = check.history().answer(distinctValues).count();
        boolean seen = check.history().answer(thisValue).count() > 0;
        long withThis = distinct + (seen ? 0 : 1);
        if (withThis > allowed) {
            evidence.append(evidence.length() == 0 ? "" : ", ").append(withThis).append(' ').append(noun)
                    .append(" (at most ").append(allowed).append(')');
        }
    }
}
