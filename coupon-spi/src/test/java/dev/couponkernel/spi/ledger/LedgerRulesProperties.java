package dev.couponkernel.spi.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.CouponRedeemed;
import dev.couponkernel.spi.event.CouponReinstated;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.ledger.LedgerState.CouponRow;
import dev.couponkernel.spi.ledger.LedgerState.CustomerKey;
import dev.couponkernel.spi.store.LockOutcome;
import dev.couponkernel.spi.store.LockRequest;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The ledger's rules against a model, with nothing but the rules and rows in maps: every sequence of
 * commands keeps the counts equal to the usages that count and within the limits, each change of a
 * usage has its one event, a refused lock writes nothing, and a batch of commands decided together
 * (the combined transaction) gives every command the outcome, and leaves the rows, that deciding
 * them one by one in the same order gives.
 */
class LedgerRulesProperties {

    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    static final Actor ACTOR = Actor.CHECKOUT;
    static final long TTL = 900;
    /** c0: 3 in total, 2 per customer; c1: unlimited; c2: disabled; c3: not stored. */
    static final List<CouponId> COUPONS = List.of(CouponId.of("c0"), CouponId.of("c1"), CouponId.of("c2"), CouponId.of("c3"));
    /** c0's budget: 10.00 EUR, so three locks of up to 5.00 EUR each often exceed it. */
    static final java.util.Currency EUR = java.util.Currency.getInstance("EUR");
    static final dev.couponkernel.spi.value.Money BUDGET = dev.couponkernel.spi.value.Money.of("10.00", "EUR");
    static final Map<CouponId, UsageLimits> LIMITS = Map.of(COUPONS.get(0), UsageLimits.of(3, 2), COUPONS.get(1),
            UsageLimits.unlimited(), COUPONS.get(2), UsageLimits.unlimited(), COUPONS.get(3), UsageLimits.unlimited());

    /** Rows as a store holds them; applies what the rules decide, as a store writes it. */
    static final class Rows {
        final Map<CouponId, CouponRow> coupons = new TreeMap<>();
        final Map<CustomerKey, Long> customers = new TreeMap<>();
        final Map<CheckoutId, Boolean> closed = new TreeMap<>();
        final Map<CheckoutId, TreeMap<CouponId, UsageRecord>> usages = new TreeMap<>();
        final List<CouponEvent> events = new ArrayList<>();
        int ids;

        Rows() {
            coupons.put(COUPONS.get(0), new CouponRow(CouponStatus.ACTIVE, 0, 3L, 2L,
                    Map.of(EUR, new LedgerState.Budget(BUDGET, dev.couponkernel.spi.value.Money.zero(EUR)))));
            coupons.put(COUPONS.get(1), new CouponRow(CouponStatus.ACTIVE, 0, null, null));
            coupons.put(COUPONS.get(2), new CouponRow(CouponStatus.DISABLED, 0, null, null));
        }

        LedgerState stateFor(List<LedgerOp> ops) {
            LedgerState.Builder b = LedgerState.builder();
            Map<CheckoutId, LedgerState.CheckoutRow> read = new HashMap<>();
            for (LedgerOp op : ops) {
                if (op.readsCheckout()) {
                    LedgerState.CheckoutRow row = new LedgerState.CheckoutRow(closed.getOrDefault(op.checkoutId(), false),
                            List.copyOf(usages.getOrDefault(op.checkoutId(), new TreeMap<>()).values()));
                    read.put(op.checkoutId(), row);
                    b.checkout(op.checkoutId(), row.closed(), row.usages());
                }
            }
            LedgerRules.Needs needs = LedgerRules.needs(ops, read);
            for (CouponId id : needs.coupons()) {
                CouponRow row = coupons.get(id);
                if (row == null) {
                    b.couponNotStored(id);
                } else {
                    b.coupon(id, row);
                }
            }
            for (CustomerKey key : needs.customers()) {
                b.customer(key, customers.get(key));
            }
            return b.build();
        }

        LedgerDecision run(List<LedgerOp> ops) {
            Supplier<UsageId> next = () -> UsageId.of("u-" + (++ids));
            LedgerDecision d = LedgerRules.decide(stateFor(ops), ops, next);
            LedgerChanges ch = d.changes();
            for (UsageRecord u : ch.newUsages()) {
                assertThat(usages.getOrDefault(u.checkoutId(), new TreeMap<>())).doesNotContainKey(u.couponId());
                usages.computeIfAbsent(u.checkoutId(), k -> new TreeMap<>()).put(u.couponId(), u);
            }
            for (UsageRecord u : ch.changedUsages()) {
                UsageRecord before = usages.get(u.checkoutId()).get(u.couponId());
                assertThat(before.status()).as("a store changes a row in the status the change leaves")
                        .isEqualTo(ch.storedStatusOf(u));
                assertThat(before.id()).isEqualTo(u.id());
                usages.get(u.checkoutId()).put(u.couponId(), u);
            }
            ch.closedCheckouts().keySet().forEach(k -> closed.put(k, true));
            ch.counters().forEach((id, used) -> {
                CouponRow r = coupons.get(id);
                coupons.put(id, new CouponRow(r.status(), used, r.maxTotalUses(), r.maxUsesPerUser(), r.budgets()));
            });
            ch.spent().forEach((id, rows) -> {
                CouponRow r = coupons.get(id);
                Map<java.util.Currency, LedgerState.Budget> budgets = new HashMap<>(r.budgets());
                rows.forEach((currency, spent) -> budgets.put(currency, new LedgerState.Budget(budgets.get(currency).limit(), spent)));
                coupons.put(id, new CouponRow(r.status(), r.used(), r.maxTotalUses(), r.maxUsesPerUser(), budgets));
            });
            ch.customerCounters().forEach((key, used) -> {
                assertThat(customers.containsKey(key)).as("new row exactly when none").isEqualTo(!ch.newCustomerCounters().contains(key));
                customers.put(key, used);
            });
            events.addAll(ch.events());
            return d;
        }

        /** The commands an expiry sweep at {@code now} hands the rules: every stale lock. */
        List<LedgerOp> sweep(Instant now) {
            List<LedgerOp> ops = new ArrayList<>();
            for (TreeMap<CouponId, UsageRecord> of : usages.values()) {
                for (UsageRecord u : of.values()) {
                    if (u.isExpiredAt(now)) {
                        ops.add(new LedgerOp.Expire(u, now, ACTOR));
                    }
                }
            }
            return ops;
        }

        String snapshot() {
            return coupons + "|" + customers + "|" + closed + "|" + usages + "|" + events;
        }
    }

    /** A command drawn at random, made concrete against the rows at its instant (a sweep needs them). */
    record Step(int kind, int coupon, int user, int checkout, int order, boolean checked, long advance) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        // the limited coupon most often, and time mostly standing still, so limits are reached often
        Arbitrary<Integer> coupon = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(1)), net.jqwik.api.Tuple.of(1, Arbitraries.just(2)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(3)));
        Arbitrary<Long> advance = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(60L)), net.jqwik.api.Tuple.of(1, Arbitraries.just(1000L)));
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 11), coupon,
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 1),
                Arbitraries.of(true, false), advance).as(Step::new);
        return step.list().ofMaxSize(50);
    }

    static List<LedgerOp> ops(Step s, Rows rows, Instant at) {
        CouponId coupon = COUPONS.get(s.coupon());
        UserId user = UserId.of("user-" + s.user());
        CheckoutId checkout = CheckoutId.of("k" + s.checkout());
        UserId customer = s.checked() ? user : null;
        switch (s.kind()) {
            case 0, 1, 2, 3:
                // a discount of 1.00 to 5.00, in EUR mostly, sometimes in USD (no budget there), sometimes not said
                dev.couponkernel.spi.value.Money discount = s.kind() == 3 && !s.checked() ? null
                        : dev.couponkernel.spi.value.Money.ofMinor(100L * (1 + s.user() + 2 * s.order()),
                                java.util.Currency.getInstance(s.kind() == 2 && s.checked() ? "USD" : "EUR"));
                return List.of(new LedgerOp.Lock(new LockRequest(coupon, CouponCode.parse("CODE" + s.coupon()), user, checkout,
                        LIMITS.get(coupon), at, at.plusSeconds(TTL), ACTOR, discount)));
            case 4, 5:
                return List.of(new LedgerOp.Redeem(checkout, customer, OrderId.of("order-" + s.order()), at, ACTOR));
            case 6, 7:
                return List.of(new LedgerOp.Release(checkout, customer, "payment failed", at, ACTOR));
            case 8:
                return List.of(new LedgerOp.ReleaseOne(checkout, coupon, "coupon removed", at, ACTOR));
            case 10:
                // c0 gives cancelled orders' uses back, and c1 too when the step says so
                Set<CouponId> reinstatable = s.checked() ? Set.of(COUPONS.get(0)) : Set.of(COUPONS.get(0), COUPONS.get(1));
                return List.of(new LedgerOp.Reinstate(checkout, OrderId.of("order-" + s.order()), reinstatable,
                        "order cancelled", at, ACTOR));
            default:
                return rows.sweep(at);
        }
    }

    @Property(tries = 400)
    void everySequenceKeepsCountsEqualToTheUsagesAndWithinTheLimits(@ForAll("steps") List<Step> steps) {
        Rows rows = new Rows();
        Instant at = T0;
        int transitions = 0;
        for (Step s : steps) {
            at = at.plusSeconds(s.advance());
            List<LedgerOp> ops = ops(s, rows, at);
            String before = rows.snapshot();
            LedgerDecision d = rows.run(ops);
            for (int i = 0; i < ops.size(); i++) {
                LedgerDecision.Outcome o = d.outcomes().get(i);
                if (ops.get(i) instanceof LedgerOp.Lock && o.value() instanceof LockOutcome l && !l.isLocked()
                        && d.changes().changedUsages().isEmpty()) {
                    assertThat(d.changes().isEmpty()).as("a refused lock writes nothing").isTrue();
                    assertThat(rows.snapshot()).isEqualTo(before);
                }
                if (o.failure() != null) {
                    assertThat(d.changes().isEmpty()).as("a refused redeem or release writes nothing").isTrue();
                }
            }
            transitions += d.changes().locked().size() + d.changes().closed().size();
            assertInvariants(rows);
            assertThat(rows.events).as("one event per change of a usage").hasSize(transitions);
        }
    }

    static void assertInvariants(Rows rows) {
        Map<CouponId, Long> counting = new HashMap<>();
        Map<CustomerKey, Long> byCustomer = new HashMap<>();
        for (TreeMap<CouponId, UsageRecord> of : rows.usages.values()) {
            UserId owner = null;
            for (UsageRecord u : of.values()) {
                if (owner != null) {
                    assertThat(u.userId()).as("a checkout is one customer's").isEqualTo(owner);
                }
                owner = u.userId();
                if (u.counts()) {
                    counting.merge(u.couponId(), 1L, Long::sum);
                    byCustomer.merge(new CustomerKey(u.couponId(), u.userId()), 1L, Long::sum);
                }
            }
        }
        Map<CouponId, Long> reserved = new HashMap<>();
        for (TreeMap<CouponId, UsageRecord> of : rows.usages.values()) {
            for (UsageRecord u : of.values()) {
                if (u.counts() && u.discount() != null && u.discount().currency().equals(EUR)) {
                    reserved.merge(u.couponId(), u.discount().minorUnits(), Long::sum);
                }
            }
        }
        rows.coupons.forEach((id, row) -> {
            LedgerState.Budget b = row.budgets().get(EUR);
            if (b != null) {
                assertThat(b.spent().minorUnits()).as("budget of %s reserves its counted usages' discounts", id)
                        .isEqualTo(reserved.getOrDefault(id, 0L));
                assertThat(b.spent()).as("never over budget").isLessThanOrEqualTo(b.limit());
            }
            assertThat(row.used()).as("count of %s", id).isEqualTo(counting.getOrDefault(id, 0L));
            if (row.maxTotalUses() != null) {
                assertThat(row.used()).isLessThanOrEqualTo(row.maxTotalUses());
            }
        });
        assertThat(counting.keySet()).allSatisfy(id -> assertThat(rows.coupons.get(id).status()).isEqualTo(CouponStatus.ACTIVE));
        rows.customers.forEach((key, used) -> {
            assertThat(used).as("count of %s", key).isEqualTo(byCustomer.getOrDefault(key, 0L));
            Long max = rows.coupons.get(key.couponId()).maxUsesPerUser();
            if (max != null) {
                assertThat(used).isLessThanOrEqualTo(max);
            }
        });
        assertThat(byCustomer.keySet()).allSatisfy(key -> assertThat(rows.customers).containsKey(key));
        for (CouponEvent e : rows.events) {
            assertThat(e).isInstanceOfAny(CouponApplied.class, CouponRedeemed.class, CouponReleased.class,
                    CouponReinstated.class);
        }
        for (TreeMap<CouponId, UsageRecord> of : rows.usages.values()) {
            for (UsageRecord u : of.values()) {
                if (u.status() == UsageStatus.REINSTATED) {
                    assertThat(u.couponId()).as("only a coupon that allows it gives a use back").isIn(COUPONS.get(0), COUPONS.get(1));
                    assertThat(rows.events).as("a reinstated usage was redeemed, then reinstated, once each")
                            .filteredOn(e -> e instanceof CouponRedeemed r && r.usageId().equals(u.id())).hasSize(1);
                    assertThat(rows.events).filteredOn(e -> e instanceof CouponReinstated r && r.usageId().equals(u.id()))
                            .hasSize(1);
                }
            }
        }
    }

    @Property(tries = 400)
    void aBatchDecidedTogetherEqualsTheSameCommandsDecidedOneByOne(@ForAll("steps") List<Step> prefix,
            @ForAll("steps") List<Step> batch) {
        Rows together = new Rows();
        Rows oneByOne = new Rows();
        Instant at = T0;
        for (Step s : prefix) {
            at = at.plusSeconds(s.advance());
            together.run(ops(s, together, at));
            oneByOne.run(ops(s, oneByOne, at));
        }
        assertThat(together.snapshot()).isEqualTo(oneByOne.snapshot());
        // the batch: commands arriving while one transaction runs, each with its own instant
        List<LedgerOp> ops = new ArrayList<>();
        for (Step s : batch) {
            at = at.plusSeconds(Math.min(s.advance(), 60));
            ops.addAll(ops(s, together, at));
        }
        LedgerDecision combined = together.run(ops);
        List<String> alone = new ArrayList<>();
        for (LedgerOp op : ops) {
            if (op instanceof LedgerOp.Expire e) {
                // a sweep alone reads the usage as it is now, under its row lock
                UsageRecord now = oneByOne.usages.get(e.usage().checkoutId()).get(e.usage().couponId());
                op = new LedgerOp.Expire(now, e.now(), e.actor());
            }
            alone.add(describe(oneByOne.run(List.of(op)).outcomes().get(0)));
        }
        assertThat(combined.outcomes().stream().map(LedgerRulesProperties::describe).toList()).isEqualTo(alone);
        assertThat(together.snapshot()).isEqualTo(oneByOne.snapshot());
        assertInvariants(together);
    }

    static String describe(LedgerDecision.Outcome o) {
        if (o.failure() != null) {
            return o.failure().getClass().getSimpleName() + ": " + o.failure().getMessage();
        }
        return o.value() instanceof Optional<?> opt ? "optional " + opt : o.value().toString();
    }
}
