package dev.couponkernel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.event.CouponActivated;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.event.CouponDisabled;
import dev.couponkernel.spi.store.LockRequest;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.SellerId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/**
 * The read models kept change by change equal the ones rebuilt from the source tables, after any
 * history of coupon and usage changes; and the storage passes its consistency check after it.
 */
abstract class ReadModelRebuildChecks {

    private static final AtomicLong RUNS = new AtomicLong();
    private static final Actor ACTOR = Actor.of("test:read-models");
    private static final List<SellerId> SELLERS = List.of(SellerId.of("s-1"), SellerId.of("s-2"), SellerId.of("s-3"));

    enum Kind { CREATE, ACTIVATE, DISABLE, LOCK, REDEEM, RELEASE, EXPIRE }

    record Step(Kind kind, int a, int b) {}

    abstract JdbcCouponStorage storage();

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 7))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    public void maintainedReadModelsEqualTheRebuiltOnes(@ForAll("histories") List<Step> history) {
        JdbcCouponStorage storage = storage();
        String run = "r" + RUNS.incrementAndGet() + "x" + Long.toString(System.nanoTime(), 36);
        List<CouponRecord> coupons = new ArrayList<>();
        List<CheckoutId> checkouts = new ArrayList<>();
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        for (Step s : history) {
            now = now.plusSeconds(60);
            switch (s.kind()) {
                case CREATE -> coupons.add(create(storage, run, coupons.size(), s, now));
                case ACTIVATE, DISABLE -> {
                    if (!coupons.isEmpty()) {
                        int i = s.a() % coupons.size();
                        coupons.set(i, changeStatus(storage, coupons.get(i), s.kind() == Kind.ACTIVATE, now));
                    }
                }
                case LOCK -> {
                    if (!coupons.isEmpty()) {
                        CouponRecord c = coupons.get(s.a() % coupons.size());
                        CheckoutId checkout = CheckoutId.of(run + "-co" + checkouts.size());
                        checkouts.add(checkout);
                        storage.ledger().lock(new LockRequest(c.id(), c.definition().code(), UserId.of("u" + s.b() % 3),
                                checkout, c.definition().limits(), now, now.plus(Duration.ofMinutes(15)), ACTOR));
                    }
                }
                case REDEEM -> {
                    if (!checkouts.isEmpty()) {
                        int i = s.a() % checkouts.size(); // a checkout is always redeemed for its one order
                        storage.ledger().redeem(checkouts.get(i), OrderId.of(run + "-o" + i), now, ACTOR);
                    }
                }
                case RELEASE -> {
                    if (!checkouts.isEmpty()) {
                        storage.ledger().release(checkouts.get(s.a() % checkouts.size()), "payment failed", now, ACTOR);
                    }
                }
                case EXPIRE -> {
                    now = now.plus(Duration.ofMinutes(16));
                    storage.ledger().expireLocks(now, 50, ACTOR);
                }
            }
        }

        JdbcReadModels.Snapshot maintained = storage.readModels().snapshot();
        assertThat(storage.readModels().differences()).isEmpty();
        JdbcReadModels.Snapshot rebuilt = storage.readModels().rebuild();
        assertThat(rebuilt).isEqualTo(maintained);
        assertThat(storage.readModels().snapshot()).isEqualTo(maintained);
        assertThat(storage.consistency().problems()).isEmpty();
    }

    private static CouponRecord create(JdbcCouponStorage storage, String run, int n, Step s, Instant now) {
        List<SellerId> sellers = new ArrayList<>();
        for (int i = 0; i < SELLERS.size(); i++) {
            if ((s.a() & (1 << i)) != 0) {
                sellers.add(SELLERS.get(i));
            }
        }
        UsageLimits limits = s.b() < 2 ? UsageLimits.unlimited() : UsageLimits.of(s.b(), 1 + s.b() % 2);
        CouponDefinition d = CouponDefinition.builder(run.toUpperCase() + "C" + n).percentOff(10).limits(limits)
                .eligibility(EligibilityRules.anyone().withScope(ProductScope.all().onlySellers(sellers.toArray(SellerId[]::new))))
                .build();
        CouponRecord r = new CouponRecord(CouponId.of(run + "-c" + n), d, s.b() % 2 == 0 ? CouponStatus.ACTIVE : CouponStatus.DRAFT,
                0, now, now);
        return storage.coupons().save(r, new CouponCreated(r.id(), d.code(), now, ACTOR));
    }

    private static CouponRecord changeStatus(JdbcCouponStorage storage, CouponRecord c, boolean activate, Instant now) {
        CouponStatus next = activate ? CouponStatus.ACTIVE : CouponStatus.DISABLED;
        if (c.status() == next || c.status() == CouponStatus.DISABLED) {
            return c;
        }
        CouponRecord changed = new CouponRecord(c.id(), c.definition(), next, c.version(), c.createdAt(), now);
        return storage.coupons().save(changed, activate
                ? new CouponActivated(c.id(), c.definition().code(), now, ACTOR)
                : new CouponDisabled(c.id(), c.definition().code(), now, ACTOR, "campaign over"));
    }
}
