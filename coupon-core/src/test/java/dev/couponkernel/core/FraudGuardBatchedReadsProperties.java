package dev.couponkernel.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.fraud.FraudGuard;
import dev.couponkernel.core.fraud.FraudVerdict;
import dev.couponkernel.core.fraud.LeakedCodeSignal;
import dev.couponkernel.core.storage.InMemoryAttemptLog;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.fraud.AttemptAnswer;
import dev.couponkernel.spi.fraud.AttemptField;
import dev.couponkernel.spi.fraud.AttemptLog;
import dev.couponkernel.spi.fraud.AttemptQuery;
import dev.couponkernel.spi.fraud.AttemptQuestion;
import dev.couponkernel.spi.fraud.AttemptRecord;
import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.fraud.FraudDecision;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fraud guard asks every provider's questions about an attempt in one {@link AttemptLog#answerAll}
 * call: with the standard providers (and a watched private code) no attempt that is not blocked reads
 * the log any other way, and the verdicts are exactly those of a guard whose log cannot answer several
 * questions at once, so each provider reads the log itself.
 */
class FraudGuardBatchedReadsProperties {

    /** An attempt log that counts how it is read and, when told, cannot answer several questions at once. */
    static final class CountingLog implements AttemptLog {
        final AttemptLog log;
        final boolean together;
        final AtomicInteger answerAllCalls = new AtomicInteger();
        final AtomicInteger singleReads = new AtomicInteger();

        CountingLog(AttemptLog log, boolean together) {
            this.log = log;
            this.together = together;
        }

        @Override
        public List<AttemptAnswer> answerAll(List<AttemptQuestion> questions) {
            if (!together) {
                throw new IllegalStateException("this log answers one question at a time");
            }
            answerAllCalls.incrementAndGet();
            return log.answerAll(questions);
        }

        @Override
        public void record(AttemptRecord attempt) {
            log.record(attempt);
        }

        @Override
        public long count(AttemptQuery query) {
            singleReads.incrementAndGet();
            return log.count(query);
        }

        @Override
        public long countDistinct(AttemptQuery query, AttemptField field) {
            singleReads.incrementAndGet();
            return log.countDistinct(query, field);
        }

        @Override
        public List<Instant> recentTimes(AttemptQuery query, int max) {
            singleReads.incrementAndGet();
            return log.recentTimes(query, max);
        }

        @Override
        public int purge(Instant before, int max) {
            return log.purge(before, max);
        }
    }

    /** One attempt: who, with which code, from where, and how long after the one before. */
    record Step(int user, int code, boolean apply, int device, int ip, int payment, int seconds) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 5),
                Arbitraries.of(true, false), Arbitraries.integers().between(-1, 2), Arbitraries.integers().between(-1, 1),
                Arbitraries.integers().between(-1, 1), Arbitraries.integers().between(0, 90))
                .as(Step::new).list().ofMinSize(1).ofMaxSize(40);
    }

    private static final class Run {
        final List<FraudVerdict> verdicts = new CopyOnWriteArrayList<>();
        CountingLog log;
        final KernelHarness h;

        Run(boolean together) {
            h = new KernelHarness(attempts -> {
                log = new CountingLog(attempts, together);
                return FraudGuard.builder(log).standardProviders()
                        .provider(LeakedCodeSignal.defaults().privateCode("VIP20", 2))
                        .listener(verdicts::add).build();
            });
            // half the customers are new accounts, so the new-account and lock-hoarding signals ask too
            for (int i = 0; i < 8; i += 2) {
                h.customers.put(UserId.of("u-" + i), Customer.of("u-" + i, h.clock.instant().minus(Duration.ofHours(2)), 0));
            }
            h.active(CouponDefinition.builder("SAVE10").percentOff(10).limits(UsageLimits.of(1000, 3)).build());
            h.active(CouponDefinition.builder("VIP20").percentOff(20).limits(UsageLimits.of(1000, 3)).build());
        }

        String code(Step s) {
            return switch (s.code()) {
                case 0, 1 -> "SAVE10";
                case 2 -> "VIP20";
                default -> "GUESS" + s.code() + s.seconds();
            };
        }

        void attempt(int i, Step s) {
            ClientInfo client = ClientInfo.of(s.device() < 0 ? null : "device-" + s.device(), s.ip() < 0 ? null : "203.0.113." + s.ip(),
                    s.payment() < 0 ? null : "card-" + s.payment());
            String user = "u-" + s.user();
            if (s.apply()) {
                ApplyResult r = h.kernel.apply(ApplyRequest.of("chk-" + i, user, "cart-1", code(s)).withClient(client));
                if (!r.usages().isEmpty()) {
                    h.kernel.release(r.checkoutId(), UserId.of(user), "test", KernelHarness.STAFF);
                }
            } else {
                h.kernel.validate(ValidateRequest.of(user, "cart-1", code(s)).withClient(client));
            }
            h.clock.advance(Duration.ofSeconds(s.seconds()));
        }
    }

    @Property(tries = 60)
    void oneReadPerAttemptAndTheSameVerdicts(@ForAll("steps") List<Step> steps) {
        Run together = new Run(true);
        Run oneByOne = new Run(false);
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            int calls = together.log.answerAllCalls.get();
            int reads = together.log.singleReads.get();
            int verdicts = together.verdicts.size();
            together.attempt(i, s);
            oneByOne.attempt(i, s);
            FraudVerdict verdict = together.verdicts.get(verdicts);
            assertThat(together.verdicts).as("one verdict per attempt").hasSize(verdicts + 1);
            assertThat(together.log.answerAllCalls.get() - calls).as("calls asking together, attempt %d", i).isEqualTo(1);
            if (verdict.decision() != FraudDecision.BLOCK) {
                // a block also counts the coupon's earlier blocks for its alert and suspension rules
                assertThat(together.log.singleReads.get() - reads).as("reads one by one, attempt %d: %s", i, s).isZero();
            }
        }
        assertThat(together.verdicts).as("verdicts asked together and one by one").isEqualTo(oneByOne.verdicts);
        assertThat(oneByOne.log.answerAllCalls.get()).isZero();
    }

    /** A check on the property itself: a provider that reads a question it did not declare is seen. */
    @net.jqwik.api.Example
    void anUndeclaredQuestionIsAReadOfItsOwn() {
        CountingLog[] log = new CountingLog[1];
        KernelHarness h = new KernelHarness(attempts -> {
            log[0] = new CountingLog(attempts, true);
            return FraudGuard.builder(log[0]).provider(check -> {
                check.history().count(AttemptQuery.where(AttemptField.USER, check.attempt().userId().value(), Instant.EPOCH));
                return List.of();
            }).build();
        });
        h.active(CouponDefinition.builder("SAVE10").percentOff(10).limits(UsageLimits.of(1000, 3)).build());
        h.kernel.validate(ValidateRequest.of("u-1", "cart-1", "SAVE10"));
        assertThat(log[0].singleReads.get()).isEqualTo(1);
        assertThat(log[0].answerAllCalls.get()).as("nothing declared, nothing asked together").isZero();
    }
}
