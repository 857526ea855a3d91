package dev.couponkernel.testkit;

import static dev.couponkernel.testkit.StorageFixture.ACTOR;
import static dev.couponkernel.testkit.StorageFixture.T0;
import static dev.couponkernel.testkit.StorageFixture.TTL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.store.AuditAction;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.store.LockOutcome;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * The usage ledger as a state machine: random sequences of lock, redeem, release, release-one,
 * expire, reinstate (coupon 0 gives cancelled orders' uses back, coupon 1 does not) and clock advances, each checked against a reference model of the rules of {@link
 * dev.couponkernel.spi.store.UsageLedger}, with the invariants checked after every step: the limits
 * hold, the counts equal the usages that count, the usages equal the model's, and each usage's audit
 * entries tell its history. Extend it and return a storage from {@link #newStorage()}.
 *
 * <p>Each sequence uses coupons and checkout ids of its own, so {@link #newStorage()} may return the
 * same storage every time: a database-backed store can share one database across the sequences.
 */
public abstract class UsageLedgerStateProperties {

    private static final List<String> USERS = List.of("u1", "u2", "u3");
    private static final List<String> CHECKOUTS = List.of("k1", "k2", "k3", "k4", "k5", "k6");
    private static final List<String> ORDERS = List.of("o1", "o2");
    /** How many unique codes the campaign (coupon 2) holds. */
    private static final int CODES = 3;

    /**
     * Returns the storage under test. Called once per generated sequence; it may return the same
     * storage each time.
     *
     * @return the storage under test
     */
    protected abstract CouponStorage newStorage();

    private static final java.util.concurrent.atomic.AtomicLong RUNS = new java.util.concurrent.atomic.AtomicLong();

    /**
     * L7.1: after every step of any sequence of operations, the ledger agrees with the model and
     * keeps its invariants. A store whose operations are slow (a database) may override this method
     * with fewer tries, annotated {@code @Property(tries = n)}, and call {@code super}.
     *
     * @param chain a random sequence of operations
     */
    @Property(tries = 150)
    public void required_L7_1_everySequenceKeepsTheInvariants(@ForAll("ledgerChains") ActionChain<Model> chain) {
        chain.withInvariant("ledger agrees with the model", Model::checkInvariants).run();
    }

    /**
     * @return random sequences of ledger operations, up to 40 steps each
     */
    @Provide
    public Arbitrary<ActionChain<Model>> ledgerChains() {
        return ActionChain.<Model>startWith(() -> new Model(newStorage()))
                .withAction(5, lockAction())
                .withAction(2, redeemAction())
                .withAction(2, releaseAction())
                .withAction(1, releaseOneAction())
                .withAction(2, expireAction())
                .withAction(2, reinstateAction())
                .withAction(2, advanceAction())
                .withAction(1, voidAction())
                .withMaxTransformations(40);
    }

    private static Action.Independent<Model> lockAction() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(USERS), Arbitraries.of(CHECKOUTS),
                        Arbitraries.integers().between(0, CODES - 1))
                .as((c, u, k, code) -> Transformer.mutate("lock coupon " + c + (c == 2 ? " code " + code : "") + " for " + u + " in " + k,
                        m -> m.lock(c, u, k, code)));
    }

    private static Action.Independent<Model> voidAction() {
        return () -> Arbitraries.integers().between(0, CODES - 1)
                .map(code -> Transformer.mutate("void code " + code, m -> m.voidCode(code)));
    }

    private static Action.Independent<Model> redeemAction() {
        return () -> Combinators.combine(Arbitraries.of(CHECKOUTS), Arbitraries.of(ORDERS))
                .as((k, o) -> Transformer.mutate("redeem " + k + " for " + o, m -> m.redeem(k, o)));
    }

    private static Action.Independent<Model> releaseAction() {
        return () -> Arbitraries.of(CHECKOUTS).map(k -> Transformer.mutate("release " + k, m -> m.release(k)));
    }

    private static Action.Independent<Model> releaseOneAction() {
        return () -> Combinators.combine(Arbitraries.of(CHECKOUTS), Arbitraries.integers().between(0, 1))
                .as((k, c) -> Transformer.mutate("release coupon " + c + " of " + k, m -> m.releaseOne(k, c)));
    }

    private static Action.Independent<Model> reinstateAction() {
        return () -> Combinators.combine(Arbitraries.of(CHECKOUTS), Arbitraries.of(ORDERS))
                .as((k, o) -> Transformer.mutate("reinstate " + k + " for cancelled " + o, m -> m.reinstate(k, o)));
    }

    private static Action.Independent<Model> expireAction() {
        return () -> Arbitraries.just(Transformer.mutate("expire", Model::expire));
    }

    private static Action.Independent<Model> advanceAction() {
        return () -> Arbitraries.of(1L, 60L, 600L, TTL.toSeconds())
                .map(s -> Transformer.mutate("advance " + s + "s", m -> m.now = m.now.plusSeconds(s)));
    }

    /** The ledger under test beside a reference model of its rules. Not thread-safe. */
    public static final class Model {
        final StorageFixture given;
        final List<CouponRecord> coupons = new ArrayList<>();
        final Map<String, TreeMap<CouponId, Expected>> usages = new HashMap<>();
        final Set<String> closed = new HashSet<>();
        final String run = "r" + RUNS.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36) + "-";
        Instant now = T0;

        Model(CouponStorage storage) {
            given = new StorageFixture(storage);
            // coupon 0 has a budget of 10.00 EUR; its locks take 3.00, 4.00 or 5.00 by customer
            coupons.add(given.coupon(UsageLimits.of(3, 2).withBudget(dev.couponkernel.spi.value.Money.of("10.00", "EUR"))));
            coupons.add(given.coupon(UsageLimits.of(2, 1)));
            // coupon 2 is a campaign of three single-use codes, three uses in all, two per customer
            coupons.add(given.campaign(UsageLimits.of(3, 2).withPerCode(1)));
            for (int i = 0; i < CODES; i++) {
                codes.add(code(i));
            }
            given.addCodes(coupons.get(2), run + "batch", codes.toArray(String[]::new));
        }

        final List<String> codes = new ArrayList<>();
        final Set<Integer> voided = new HashSet<>();

        private String code(int i) {
            return ("K" + run + i).toUpperCase(java.util.Locale.ROOT);
        }

        /** The campaign's counted usages of one of its codes. */
        long usesOf(int code) {
            return usages.values().stream().map(m -> m.get(coupons.get(2).id()))
                    .filter(e -> e != null && e.status.counts() && e.code == code).count();
        }

        long redeemedOf(int code) {
            return usages.values().stream().map(m -> m.get(coupons.get(2).id()))
                    .filter(e -> e != null && e.status == UsageStatus.REDEEMED && e.code == code).count();
        }

        void voidCode(int code) {
            dev.couponkernel.spi.store.CodeRecord r = given.storage().codes().voidCode(
                    dev.couponkernel.spi.value.CouponCode.parse(codes.get(code)), "test void", now, ACTOR);
            assertThat(r.voidedAt()).isNotNull();
            voided.add(code);
        }

        /** What the model expects of one usage. */
        static final class Expected {
            final UsageId id;
            final String user;
            final Instant expiresAt;
            long discount;
            int code = -1;
            UsageStatus status = UsageStatus.LOCKED;
            String order;

            Expected(UsageId id, String user, Instant expiresAt) {
                this.id = id;
                this.user = user;
                this.expiresAt = expiresAt;
            }

            boolean expiredAt(Instant at) {
                return status == UsageStatus.LOCKED && !at.isBefore(expiresAt);
            }
        }

        long total(CouponId coupon) {
            return usages.values().stream().map(m -> m.get(coupon))
                    .filter(e -> e != null && e.status.counts()).count();
        }

        long byUser(CouponId coupon, String user) {
            return usages.values().stream().map(m -> m.get(coupon))
                    .filter(e -> e != null && e.status.counts() && e.user.equals(user)).count();
        }

        /** What coupon 0's counted usages reserve of its budget, in cents. */
        long reserved() {
            return usages.values().stream().map(m -> m.get(coupons.get(0).id()))
                    .filter(e -> e != null && e.status.counts()).mapToLong(e -> e.discount).sum();
        }

        void lock(int couponIndex, String user, String checkout, int code) {
            CouponRecord coupon = coupons.get(couponIndex);
            Expected existing = usages.getOrDefault(checkout, new TreeMap<>()).get(coupon.id());
            long discount = couponIndex == 0 ? 200 + 100L * Integer.parseInt(user.substring(1)) : 0;
            LockOutcome outcome = couponIndex == 0
                    ? given.lock(coupon, user, run + checkout, now, discount / 100 + ".00 EUR")
                    : couponIndex == 2 ? given.lockCode(coupon, codes.get(code), user, run + checkout, now)
                    : given.lock(coupon, user, run + checkout, now);
            UsageLimits limits = coupon.definition().limits();
            String owner = usages.getOrDefault(checkout, new TreeMap<>()).values().stream().map(e -> e.user).findFirst()
                    .orElse(null);
            if (owner != null && !owner.equals(user)) {
                assertThat(outcome.reason()).as("%s locking %s's checkout", user, owner)
                        .contains(RejectionReason.CHECKOUT_OF_ANOTHER_CUSTOMER);
            } else if (existing != null) {
                if (existing.status == UsageStatus.LOCKED && !existing.expiredAt(now)) {
                    assertThat(outcome.isReplayed()).as("replay of %s", checkout).isTrue();
                    assertThat(outcome.usage().orElseThrow().id()).isEqualTo(existing.id);
                } else {
                    if (existing.status == UsageStatus.LOCKED) {
                        existing.status = UsageStatus.RELEASED;
                    }
                    assertThat(outcome.reason()).contains(RejectionReason.CHECKOUT_CLOSED);
                }
            } else if (closed.contains(checkout)) {
                assertThat(outcome.reason()).contains(RejectionReason.CHECKOUT_CLOSED);
            } else if (limits.totalReached(total(coupon.id()))) {
                assertThat(outcome.reason()).contains(RejectionReason.TOTAL_LIMIT_REACHED);
            } else if (limits.userReached(byUser(coupon.id(), user))) {
                assertThat(outcome.reason()).contains(RejectionReason.USER_LIMIT_REACHED);
            } else if (couponIndex == 2 && voided.contains(code)) {
                assertThat(outcome.reason()).as("%s of a voided code", outcome).contains(RejectionReason.CODE_VOIDED);
            } else if (couponIndex == 2 && usesOf(code) >= 1) {
                assertThat(outcome.reason()).as("%s of a used code", outcome).contains(RejectionReason.CODE_USED_UP);
            } else if (couponIndex == 0 && reserved() + discount > 1000) {
                assertThat(outcome.reason()).as("%s over the budget", outcome).contains(RejectionReason.BUDGET_EXHAUSTED);
            } else {
                assertThat(outcome.isLocked()).as("fresh lock: %s", outcome).isTrue();
                assertThat(outcome.isReplayed()).isFalse();
                UsageRecord usage = outcome.usage().orElseThrow();
                Expected e = new Expected(usage.id(), user, usage.expiresAt());
                e.discount = discount;
                e.code = couponIndex == 2 ? code : -1;
                assertThat(usage.code().value()).isEqualTo(couponIndex == 2 ? codes.get(code) : coupon.definition().code().value());
                usages.computeIfAbsent(checkout, k -> new TreeMap<>()).put(coupon.id(), e);
            }
        }

        void redeem(String checkout, String order) {
            TreeMap<CouponId, Expected> mine = usages.get(checkout);
            CheckoutId id = CheckoutId.of(run + checkout);
            OrderId orderId = OrderId.of(order);
            if (mine == null) {
                assertThat(given.storage().ledger().redeem(id, orderId, now, ACTOR).status())
                        .isEqualTo(RedeemResult.Status.NOT_FOUND);
                closed.add(checkout);
                return;
            }
            boolean redeemed = mine.values().stream().anyMatch(e -> e.order != null);
            if (mine.values().stream().anyMatch(e -> e.order != null && !e.order.equals(order))) {
                assertThatThrownBy(() -> given.storage().ledger().redeem(id, orderId, now, ACTOR))
                        .isInstanceOf(ConflictException.class);
                return;
            }
            RedeemResult.Status status = given.storage().ledger().redeem(id, orderId, now, ACTOR).status();
            List<Expected> locked = mine.values().stream().filter(e -> e.status == UsageStatus.LOCKED).toList();
            if (locked.isEmpty()) {
                assertThat(status).isEqualTo(redeemed ? RedeemResult.Status.ALREADY_REDEEMED : RedeemResult.Status.RELEASED);
            } else if (locked.stream().anyMatch(e -> e.expiredAt(now))) {
                assertThat(status).isEqualTo(RedeemResult.Status.LOCK_EXPIRED);
            } else {
                assertThat(status).isEqualTo(RedeemResult.Status.REDEEMED);
                locked.forEach(e -> {
                    e.status = UsageStatus.REDEEMED;
                    e.order = order;
                });
                closed.add(checkout);
            }
        }

        void release(String checkout) {
            ReleaseResult.Status status = given.storage().ledger()
                    .release(CheckoutId.of(run + checkout), "test release", now, ACTOR).status();
            closed.add(checkout);
            TreeMap<CouponId, Expected> mine = usages.get(checkout);
            if (mine == null) {
                assertThat(status).isEqualTo(ReleaseResult.Status.NOT_FOUND);
                return;
            }
            List<Expected> locked = mine.values().stream().filter(e -> e.status == UsageStatus.LOCKED).toList();
            boolean redeemed = mine.values().stream().anyMatch(e -> e.order != null);
            locked.forEach(e -> e.status = UsageStatus.RELEASED);
            assertThat(status).isEqualTo(!locked.isEmpty() ? ReleaseResult.Status.RELEASED
                    : redeemed ? ReleaseResult.Status.ALREADY_REDEEMED : ReleaseResult.Status.ALREADY_RELEASED);
        }

        void releaseOne(String checkout, int couponIndex) {
            CouponId coupon = coupons.get(couponIndex).id();
            Optional<UsageRecord> result = given.storage().ledger()
                    .releaseOne(CheckoutId.of(run + checkout), coupon, "dropped", now, ACTOR);
            Expected e = usages.getOrDefault(checkout, new TreeMap<>()).get(coupon);
            assertThat(result.isPresent()).isEqualTo(e != null);
            if (e != null && e.status == UsageStatus.LOCKED) {
                e.status = UsageStatus.RELEASED;
            }
        }

        void reinstate(String checkout, String order) {
            CheckoutId id = CheckoutId.of(run + checkout);
            OrderId orderId = OrderId.of(order);
            Set<CouponId> reinstatable = Set.of(coupons.get(0).id(), coupons.get(2).id());
            TreeMap<CouponId, Expected> mine = usages.getOrDefault(checkout, new TreeMap<>());
            if (mine.values().stream().anyMatch(e -> e.order != null && !e.order.equals(order))) {
                assertThatThrownBy(() -> given.storage().ledger().reinstate(id, orderId, reinstatable, "order cancelled", now, ACTOR))
                        .isInstanceOf(ConflictException.class);
                return;
            }
            dev.couponkernel.spi.store.ReinstateResult result = given.storage().ledger()
                    .reinstate(id, orderId, reinstatable, "order cancelled", now, ACTOR);
            List<Expected> giveBack = mine.entrySet().stream()
                    .filter(e -> e.getValue().status == UsageStatus.REDEEMED && reinstatable.contains(e.getKey()))
                    .map(Map.Entry::getValue).toList();
            dev.couponkernel.spi.store.ReinstateResult.Status expected;
            if (mine.isEmpty()) {
                expected = dev.couponkernel.spi.store.ReinstateResult.Status.NOT_FOUND;
            } else if (!giveBack.isEmpty()) {
                expected = dev.couponkernel.spi.store.ReinstateResult.Status.REINSTATED;
                giveBack.forEach(e -> e.status = UsageStatus.REINSTATED);
            } else if (mine.values().stream().anyMatch(e -> e.status == UsageStatus.REINSTATED)) {
                expected = dev.couponkernel.spi.store.ReinstateResult.Status.ALREADY_REINSTATED;
            } else if (mine.values().stream().anyMatch(e -> e.status == UsageStatus.REDEEMED)) {
                expected = dev.couponkernel.spi.store.ReinstateResult.Status.NOT_ALLOWED;
            } else {
                expected = dev.couponkernel.spi.store.ReinstateResult.Status.NOT_REDEEMED;
            }
            assertThat(result.status()).as("reinstate %s for %s", checkout, order).isEqualTo(expected);
            assertThat(result.usages()).hasSize(mine.size());
        }

        void expire() {
            // a shared storage may hold stale locks of earlier sequences: sweep them all, judge ours
            List<UsageRecord> released = new ArrayList<>();
            List<UsageRecord> batch;
            do {
                batch = given.storage().ledger().expireLocks(now, 500, Actor.EXPIRY_SWEEP);
                batch.stream().filter(u -> u.checkoutId().value().startsWith(run)).forEach(released::add);
            } while (batch.size() == 500);
            Set<UsageId> expected = new HashSet<>();
            usages.values().forEach(m -> m.values().stream().filter(e -> e.expiredAt(now)).forEach(e -> {
                expected.add(e.id);
                e.status = UsageStatus.RELEASED;
            }));
            assertThat(released).extracting(UsageRecord::id).containsExactlyInAnyOrderElementsOf(expected);
        }

        void checkInvariants() {
            assertThat(reserved()).as("coupon 0's budget is never overspent").isLessThanOrEqualTo(1000);
            for (CouponRecord coupon : coupons) {
                UsageLimits limits = coupon.definition().limits();
                long total = total(coupon.id());
                assertThat(total).isLessThanOrEqualTo(limits.maxTotalUses().getAsLong());
                for (String user : USERS) {
                    long mine = byUser(coupon.id(), user);
                    assertThat(mine).isLessThanOrEqualTo(limits.maxUsesPerUser().getAsLong());
                    assertThat(given.storage().ledger().count(coupon.id(), UserId.of(user)))
                            .isEqualTo(new dev.couponkernel.spi.value.UsageCount(total, mine));
                }
            }
            for (int i = 0; i < CODES; i++) {
                dev.couponkernel.spi.store.CodeRecord row = given.storage().codes()
                        .find(dev.couponkernel.spi.value.CouponCode.parse(codes.get(i))).orElseThrow();
                assertThat(row.used()).as("uses of code %d", i).isEqualTo(usesOf(i)).isLessThanOrEqualTo(1);
                assertThat(row.redeemed()).as("redeemed uses of code %d", i).isEqualTo(redeemedOf(i));
                assertThat(row.voidedAt() != null).isEqualTo(voided.contains(i));
            }
            for (String checkout : CHECKOUTS) {
                List<UsageRecord> actual = given.storage().ledger().usagesOf(CheckoutId.of(run + checkout));
                TreeMap<CouponId, Expected> expected = usages.getOrDefault(checkout, new TreeMap<>());
                assertThat(actual).hasSize(expected.size());
                for (UsageRecord u : actual) {
                    Expected e = expected.get(u.couponId());
                    assertThat(u.id()).isEqualTo(e.id);
                    assertThat(u.status()).as("status of %s", u.id()).isEqualTo(e.status);
                    assertThat(u.discount() == null ? 0 : u.discount().minorUnits()).as("discount of %s", u.id()).isEqualTo(e.discount);
                    assertThat(u.order().map(OrderId::value).orElse(null)).isEqualTo(e.order);
                    List<AuditAction> history = given.storage().audit().byUsage(u.id()).stream()
                            .map(AuditEntry::action).toList();
                    assertThat(history).as("audit of %s", u.id()).isEqualTo(switch (u.status()) {
                        case LOCKED -> List.of(AuditAction.USAGE_LOCKED);
                        case REDEEMED -> List.of(AuditAction.USAGE_LOCKED, AuditAction.USAGE_REDEEMED);
                        case RELEASED -> List.of(AuditAction.USAGE_LOCKED, AuditAction.USAGE_RELEASED);
                        case REINSTATED -> List.of(AuditAction.USAGE_LOCKED, AuditAction.USAGE_REDEEMED,
                                AuditAction.USAGE_REINSTATED);
                    });
                    assertThat(u.reinstatedAt() != null).isEqualTo(u.status() == UsageStatus.REINSTATED);
                }
            }
        }

        @Override
        public String toString() {
            return "Model[now=" + now + ", usages=" + usages.keySet() + ", closed=" + closed + "]";
        }
    }
}
