package dev.couponkernel.testkit;

import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.fraud.AttemptAnswer;
import dev.couponkernel.spi.fraud.AttemptContext;
import dev.couponkernel.spi.fraud.AttemptField;
import dev.couponkernel.spi.fraud.AttemptKind;
import dev.couponkernel.spi.fraud.AttemptLog;
import dev.couponkernel.spi.fraud.AttemptOutcome;
import dev.couponkernel.spi.fraud.AttemptQuery;
import dev.couponkernel.spi.fraud.AttemptQuestion;
import dev.couponkernel.spi.fraud.AttemptRecord;
import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.fraud.FraudDecision;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.FraudScore;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AttemptLog}: every count, distinct count and list of recent instants agrees
 * with the reference meaning of the query ({@link AttemptQuery#matches}), asked one by one and asked
 * together ({@link AttemptLog#answerAll}), concurrent appends are all
 * kept, and the purge removes exactly the old attempts. Extend it and return a log from {@link
 * #newLog()}; the rules keep apart by using fresh user, device, IP, payment and coupon values, so one
 * log may serve several rules.
 */
public abstract class AttemptLogContract {

    private AttemptLog log;

    /**
     * Returns a log. Called once per rule or property; it need not be empty.
     *
     * @return the log under test
     */
    protected abstract AttemptLog newLog();

    private synchronized AttemptLog log() {
        if (log == null) {
            log = newLog();
        }
        return log;
    }

    /** One attempt's varying parts, drawn from small pools so that queries find several. */
    record Spec(int user, int device, int ip, int payment, int coupon, AttemptOutcome outcome, int second) {}

    private static AttemptRecord attempt(String ns, Spec s) {
        ClientInfo client = ClientInfo.of(s.device() < 0 ? null : ns + "d" + s.device(), s.ip() < 0 ? null : ns + "i" + s.ip(),
                s.payment() < 0 ? null : ns + "p" + s.payment());
        AttemptContext context = new AttemptContext("CODE" + s.coupon(), UserId.of(ns + "u" + s.user()), T0.minusSeconds(86_400),
                client, Money.of("25.00", "EUR"), T0.plusSeconds(s.second()), AttemptKind.APPLY);
        CouponId coupon = s.coupon() < 0 ? null : CouponId.of(ns + "c" + s.coupon());
        return switch (s.outcome()) {
            case ACCEPTED -> new AttemptRecord(context, coupon, AttemptOutcome.ACCEPTED, null, FraudScore.NONE,
                    FraudDecision.ALLOW, List.of());
            case REJECTED -> new AttemptRecord(context, coupon, AttemptOutcome.REJECTED,
                    coupon == null ? RejectionReason.UNKNOWN_CODE : RejectionReason.TOTAL_LIMIT_REACHED, FraudScore.of(45),
                    FraudDecision.REVIEW, List.of(FraudSignal.of("new-account.high-value", 45, "young account")));
            case BLOCKED -> new AttemptRecord(context, coupon, AttemptOutcome.BLOCKED, RejectionReason.SUSPECTED_FRAUD,
                    FraudScore.MAX, FraudDecision.BLOCK, List.of(FraudSignal.of("code-enumeration.user", 100, "guessing")));
        };
    }

    @Provide
    Arbitrary<List<Spec>> histories() {
        Arbitrary<Spec> spec = Combinators.combine(
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(-1, 2),
                Arbitraries.integers().between(-1, 2), Arbitraries.integers().between(-1, 1),
                Arbitraries.integers().between(-1, 2), Arbitraries.of(AttemptOutcome.class),
                Arbitraries.integers().between(0, 600))
                .as(Spec::new);
        return spec.list().ofMinSize(1).ofMaxSize(30);
    }

    /** A query's varying parts. */
    record QuerySpec(AttemptField field, int value, int sinceSecond, Set<AttemptOutcome> outcomes, int coupon,
            boolean unknownOnly, int excludedUser, AttemptField distinct, int max) {}

    @Provide
    Arbitrary<List<QuerySpec>> queries() {
        Arbitrary<QuerySpec> q = Combinators.combine(
                Arbitraries.of(AttemptField.class), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 650), Arbitraries.subsetOf(AttemptOutcome.values()).ofMinSize(1),
                Arbitraries.integers().between(-1, 2), Arbitraries.of(true, false), Arbitraries.integers().between(-1, 3),
                Arbitraries.of(AttemptField.class))
                .as((f, v, since, outcomes, coupon, unknown, excluded, distinct) ->
                        new QuerySpec(f, v, since, outcomes, coupon, unknown && coupon < 0, excluded, distinct, 1 + v * 3));
        return q.list().ofMinSize(1).ofMaxSize(12);
    }

    private static AttemptQuery query(String ns, QuerySpec q) {
        String prefix = switch (q.field()) {
            case USER -> "u";
            case DEVICE -> "d";
            case IP -> "i";
            case PAYMENT -> "p";
            case COUPON -> "c";
        };
        AttemptQuery query = AttemptQuery.where(q.field(), ns + prefix + q.value(), T0.plusSeconds(q.sinceSecond()));
        List<AttemptOutcome> outcomes = new ArrayList<>(q.outcomes());
        query = query.withOutcomes(outcomes.get(0), outcomes.subList(1, outcomes.size()).toArray(AttemptOutcome[]::new));
        if (q.coupon() >= 0) {
            query = query.withCoupon(CouponId.of(ns + "c" + q.coupon()));
        }
        if (q.unknownOnly()) {
            query = query.withUnknownCodeOnly();
        }
        if (q.excludedUser() >= 0) {
            query = query.withoutUser(UserId.of(ns + "u" + q.excludedUser()));
        }
        return query;
    }

    /** A1: counts, distinct counts and recent instants agree with the reference meaning of every query. */
    @Property(tries = 60)
    void required_A1_queriesAgreeWithTheReference(@ForAll("histories") List<Spec> history,
            @ForAll("queries") List<QuerySpec> queries) {
        String ns = "a1-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<AttemptRecord> recorded = new ArrayList<>();
        for (Spec s : history) {
            AttemptRecord r = attempt(ns, s);
            log().record(r);
            recorded.add(r);
        }
        List<AttemptQuestion> questions = new ArrayList<>();
        List<AttemptAnswer> expectedAnswers = new ArrayList<>();
        for (QuerySpec q : queries) {
            AttemptQuery query = query(ns, q);
            List<AttemptRecord> expected = recorded.stream().filter(query::matches).toList();
            assertThat(log().count(query)).as("count of %s", query).isEqualTo(expected.size());
            Set<String> values = new HashSet<>();
            expected.stream().map(r -> r.valueOf(q.distinct())).filter(v -> v != null).forEach(values::add);
            assertThat(log().countDistinct(query, q.distinct())).as("distinct %s of %s", q.distinct(), query)
                    .isEqualTo(values.size());
            List<Instant> times = expected.stream().map(r -> r.context().at()).sorted(Comparator.reverseOrder())
                    .limit(q.max()).toList();
            assertThat(log().recentTimes(query, q.max())).as("recent times of %s", query).isEqualTo(times);
            questions.add(AttemptQuestion.count(query));
            expectedAnswers.add(AttemptAnswer.ofCount(expected.size()));
            questions.add(AttemptQuestion.countDistinct(query, q.distinct()));
            expectedAnswers.add(AttemptAnswer.ofCount(values.size()));
            questions.add(AttemptQuestion.recentTimes(query, q.max()));
            expectedAnswers.add(AttemptAnswer.ofTimes(times));
        }
        assertThat(log().answerAll(questions)).as("the same questions asked together").isEqualTo(expectedAnswers);
    }

    /**
     * A6: asking together takes up to {@link AttemptLog#MAX_QUESTIONS} questions, answers none as
     * none, and refuses more, or a null one, naming the field, before it reads.
     */
    @Test
    void required_A6_askingTogetherIsBounded() {
        String ns = "a6-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        AttemptQuery none = AttemptQuery.where(AttemptField.USER, ns + "u0", T0);
        assertThat(log().answerAll(List.of())).isEmpty();
        List<AttemptQuestion> most = java.util.Collections.nCopies(AttemptLog.MAX_QUESTIONS, AttemptQuestion.count(none));
        assertThat(log().answerAll(most)).hasSize(AttemptLog.MAX_QUESTIONS).containsOnly(AttemptAnswer.ofCount(0));
        List<AttemptQuestion> tooMany = new ArrayList<>(most);
        tooMany.add(AttemptQuestion.recentTimes(none, 1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> log().answerAll(tooMany))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("questions");
        List<AttemptQuestion> withNull = new ArrayList<>();
        withNull.add(AttemptQuestion.count(none));
        withNull.add(null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> log().answerAll(withNull))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("questions[1]");
    }

    /** A2: the window includes an attempt exactly at its start and excludes one a microsecond earlier. */
    @Test
    void required_A2_theWindowStartIsInclusive() {
        String ns = "a2-" + UUID.randomUUID() + "-";
        Spec at100 = new Spec(0, -1, -1, -1, -1, AttemptOutcome.REJECTED, 100);
        log().record(attempt(ns, at100));
        AttemptQuery from100 = AttemptQuery.where(AttemptField.USER, ns + "u0", T0.plusSeconds(100));
        assertThat(log().count(from100)).isEqualTo(1);
        assertThat(log().count(AttemptQuery.where(AttemptField.USER, ns + "u0", T0.plusSeconds(100).plusNanos(1000))))
                .isZero();
    }

    /** A3: attempts appended from many threads at once are all kept. */
    @Test
    void required_A3_concurrentAppendsAreAllKept() throws Exception {
        String ns = "a3-" + UUID.randomUUID() + "-";
        AttemptLog target = log();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        target.record(attempt(ns, new Spec(thread % 4, 0, -1, -1, 0, AttemptOutcome.ACCEPTED, i)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        AttemptQuery device = AttemptQuery.where(AttemptField.DEVICE, ns + "d0", T0);
        assertThat(target.count(device)).isEqualTo(400);
        assertThat(target.countDistinct(device, AttemptField.USER)).isEqualTo(4);
    }

    /** A4: purge removes attempts strictly before the instant, at most the number asked for per call. */
    @Test
    void required_A4_purgeRemovesOnlyOldAttempts() {
        String ns = "a4-" + UUID.randomUUID() + "-";
        Instant cut = Instant.parse("1990-01-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            AttemptRecord r = attempt(ns, new Spec(0, -1, -1, -1, -1, AttemptOutcome.REJECTED, 0));
            log().record(new AttemptRecord(new AttemptContext(r.context().codeAsTyped(), r.context().userId(),
                    cut.minusSeconds(86_400), ClientInfo.UNKNOWN, r.context().cartValue(), cut.minusSeconds(10 - i),
                    AttemptKind.VALIDATE), null, r.outcome(), r.reason(), r.score(), r.decision(), r.signals()));
        }
        log().record(attempt(ns, new Spec(0, -1, -1, -1, -1, AttemptOutcome.REJECTED, 0)));
        AttemptQuery user = AttemptQuery.where(AttemptField.USER, ns + "u0", cut.minusSeconds(3600));

        assertThat(log().purge(cut, 3)).isEqualTo(3);
        assertThat(log().count(user)).isEqualTo(3);
        assertThat(log().purge(cut, 100)).isEqualTo(2);
        assertThat(log().purge(cut, 100)).isZero();
        assertThat(log().recentTimes(user, 10)).containsExactly(T0);
    }

    /** A5: a typed code longer than 64 characters is kept cut, not refused; the query sees the attempt. */
    @Test
    void required_A5_longTypedCodesAreCut() {
        String ns = "a5-" + UUID.randomUUID() + "-";
        AttemptContext context = new AttemptContext("X".repeat(500), UserId.of(ns + "u0"), T0, ClientInfo.UNKNOWN,
                Money.of("1.00", "EUR"), T0, AttemptKind.VALIDATE);
        assertThat(context.codeAsTyped()).hasSize(AttemptContext.MAX_CODE_LENGTH);
        log().record(new AttemptRecord(context, null, AttemptOutcome.REJECTED, RejectionReason.UNKNOWN_CODE, FraudScore.NONE,
                FraudDecision.ALLOW, List.of()));
        assertThat(log().count(AttemptQuery.where(AttemptField.USER, ns + "u0", T0).withUnknownCodeOnly()
                .withOutcomes(AttemptOutcome.REJECTED))).isEqualTo(1);
        assertThat(log().count(AttemptQuery.where(AttemptField.USER, ns + "u0", T0).withOutcomes(AttemptOutcome.ACCEPTED,
                AttemptOutcome.BLOCKED))).isZero();
    }
}
