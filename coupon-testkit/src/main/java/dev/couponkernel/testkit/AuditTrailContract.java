package dev.couponkernel.testkit;

import static dev.couponkernel.testkit.StorageFixture.ACTOR;
import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.event.CouponDisabled;
import dev.couponkernel.spi.store.AuditAction;
import dev.couponkernel.spi.store.AuditChain;
import dev.couponkernel.spi.store.AuditVerification;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditTrail;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UsageLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AuditTrail}: append-only, ordered, verbatim. Extend it and return a fresh
 * storage from {@link #newStorage()}.
 */
public abstract class AuditTrailContract {

    private StorageFixture given;
    private AuditTrail audit;

    /**
     * Returns a new, empty storage. Called before every rule.
     *
     * @return the storage under test
     */
    protected abstract CouponStorage newStorage();

    /** Creates the storage for one rule. */
    @BeforeEach
    void createStorage() {
        given = new StorageFixture(newStorage());
        audit = given.storage().audit();
    }

    /** A1.1: the trail of a coupon holds its own changes and its usages' changes, oldest first, with increasing sequence. */
    @Test
    void required_A1_1_aCouponsTrailIsCompleteAndOrdered() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        UsageRecord usage = given.lock(coupon, "alice", "co-1", T0).usage().orElseThrow();
        given.storage().ledger().release(CheckoutId.of("co-1"), "cart abandoned", T0.plusSeconds(1), ACTOR);

        List<AuditEntry> trail = audit.byCoupon(coupon.id());

        assertThat(trail).extracting(AuditEntry::action).containsExactly(
                AuditAction.COUPON_CREATED, AuditAction.USAGE_LOCKED, AuditAction.USAGE_RELEASED);
        assertThat(trail).extracting(AuditEntry::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(trail.get(1).usageId()).isEqualTo(usage.id());
        assertThat(trail.get(1).detail()).contains("co-1").contains("alice");
        assertThat(audit.byUsage(usage.id())).containsExactly(trail.get(1), trail.get(2));
    }

    /** A1.2: entries never change: a later read holds the earlier one as its prefix. */
    @Test
    void required_A1_2_theTrailIsAppendOnly() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        given.lock(coupon, "alice", "co-1", T0);
        List<AuditEntry> before = audit.byCoupon(coupon.id());

        given.lock(coupon, "bob", "co-2", T0);
        given.storage().ledger().release(CheckoutId.of("co-1"), "x", T0, ACTOR);
        List<AuditEntry> after = audit.byCoupon(coupon.id());

        assertThat(after).hasSize(before.size() + 2);
        assertThat(after.subList(0, before.size())).isEqualTo(before);
    }

    /** A1.3: what a read returns cannot be used to change the trail. */
    @Test
    void required_A1_3_readsCannotChangeTheTrail() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        List<AuditEntry> read = audit.byCoupon(coupon.id());

        try {
            read.clear();
        } catch (UnsupportedOperationException expected) {
            // an unmodifiable list is the usual answer
        }
        assertThat(audit.byCoupon(coupon.id())).hasSize(1);
    }

    /** A1.4: reasons and actors are stored verbatim, quotes, SQL and non-Latin text included. */
    @Test
    void required_A1_4_textIsStoredVerbatim() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        String reason = "it's \"done\"; DROP TABLE coupon; -- \u00e9t\u00e9 \u65e5\u672c \ud83d\ude00";
        Actor actor = Actor.of("staff:o'brien");
        CouponRecord disabled = new CouponRecord(coupon.id(), coupon.definition(), CouponStatus.DISABLED,
                coupon.version(), coupon.createdAt(), T0.plusSeconds(1));
        given.storage().coupons().save(disabled,
                new CouponDisabled(coupon.id(), coupon.definition().code(), T0.plusSeconds(1), actor, reason));

        AuditEntry entry = audit.byCoupon(coupon.id()).get(1);

        assertThat(entry.reason()).isEqualTo(reason);
        assertThat(entry.actor()).isEqualTo(actor);
        assertThat(entry.at()).isEqualTo(T0.plusSeconds(1));
    }

    /** A1.5: an unknown coupon or usage has an empty trail. */
    @Test
    void required_A1_5_unknownSubjectsHaveNoEntries() {
        assertThat(audit.byCoupon(CouponId.of("nobody"))).isEmpty();
        assertThat(audit.byUsage(UsageId.of("nothing"))).isEmpty();
        assertThatThrownBy(() -> audit.byCoupon(null)).isInstanceOf(RuntimeException.class);
    }

    /** A1.6: a coupon's entries form a hash chain: each links to the one before and its hash matches its fields. */
    @Test
    void required_A1_6_entriesFormAHashChain() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        given.lock(coupon, "alice", "co-1", T0);
        given.lock(coupon, "bob", "co-2", T0);
        given.storage().ledger().release(CheckoutId.of("co-1"), "payment failed; it's \"declined\"", T0.plusSeconds(1), ACTOR);

        List<AuditEntry> trail = audit.byCoupon(coupon.id());

        assertThat(trail).hasSize(4);
        assertThat(trail.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
        for (int i = 0; i < trail.size(); i++) {
            assertThat(trail.get(i).hash()).as("entry %d", i).isEqualTo(trail.get(i).expectedHash());
            if (i > 0) {
                assertThat(trail.get(i).previousHash()).as("link of entry %d", i).isEqualTo(trail.get(i - 1).hash());
            }
        }
        assertThat(trail).extracting(AuditEntry::hash).doesNotHaveDuplicates();
        AuditVerification verdict = audit.verify(coupon.id());
        assertThat(verdict.isIntact()).as("%s", verdict).isTrue();
        assertThat(verdict.entriesChecked()).isEqualTo(4);
    }

    /** A1.7: many threads changing one coupon at once leave one linear, intact chain with every entry in it. */
    @Test
    void required_A1_7_concurrentChangesKeepTheChainLinear() throws Exception {
        CouponRecord coupon = given.coupon(UsageLimits.unlimited());
        int threads = 16;
        int perThread = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String checkout = "chain-" + thread + "-" + i;
                        given.lock(coupon, "user-" + thread, checkout, T0);
                        if (i % 2 == 0) {
                            given.storage().ledger().release(CheckoutId.of(checkout), "abandoned", T0.plusSeconds(1), ACTOR);
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        AuditVerification verdict = audit.verify(coupon.id());

        assertThat(verdict.isIntact()).as("%s", verdict).isTrue();
        assertThat(verdict.entriesChecked()).isEqualTo(1 + threads * perThread + threads * perThread / 2);
    }

    /** A1.8: an unknown coupon's chain is empty and intact. */
    @Test
    void required_A1_8_anUnknownCouponHasAnIntactEmptyChain() {
        AuditVerification verdict = audit.verify(CouponId.of("nobody"));

        assertThat(verdict.isIntact()).isTrue();
        assertThat(verdict.entriesChecked()).isZero();
    }

    /**
     * A1.9: a trail too long to read whole is read in pages by position: pages of every size, read
     * from 0 each where the last ended, give the whole trail; the size names the newest entry's
     * position; past the end there is nothing; another coupon's entries never appear.
     */
    @Test
    void required_A1_9_aTrailReadsInPagesByPosition() {
        CouponRecord coupon = given.coupon(UsageLimits.total(20));
        CouponRecord other = given.coupon(UsageLimits.total(20));
        for (int i = 0; i < 6; i++) {
            given.lock(coupon, "u" + i, "co-" + i, T0.plusSeconds(i));
            given.lock(other, "u" + i, "other-" + i, T0.plusSeconds(i));
        }
        given.storage().ledger().release(CheckoutId.of("co-2"), "cart abandoned", T0.plusSeconds(10), ACTOR);
        List<AuditEntry> whole = audit.byCoupon(coupon.id());
        assertThat(whole).hasSize(8);

        assertThat(audit.size(coupon.id())).isEqualTo(whole.size());
        for (int max = 1; max <= whole.size() + 1; max++) {
            List<AuditEntry> paged = new ArrayList<>();
            List<AuditEntry> page;
            do {
                page = audit.page(coupon.id(), paged.size(), max);
                assertThat(page).hasSizeLessThanOrEqualTo(max);
                paged.addAll(page);
            } while (page.size() == max);
            assertThat(paged).as("pages of %d", max).isEqualTo(whole);
        }
        assertThat(audit.page(coupon.id(), whole.size() - 3, 3)).isEqualTo(whole.subList(whole.size() - 3, whole.size()));
        assertThat(audit.page(coupon.id(), 3, 2)).isEqualTo(whole.subList(3, 5));
        assertThat(audit.page(coupon.id(), whole.size(), 10)).isEmpty();
        assertThat(audit.page(coupon.id(), Long.MAX_VALUE - 5, AuditTrail.MAX_PAGE)).isEmpty();
        assertThat(audit.page(CouponId.of("nobody"), 0, 10)).isEmpty();
        assertThat(audit.size(CouponId.of("nobody"))).isZero();
    }

    /** A1.10: a page out of bounds is refused, naming the parameter. */
    @Test
    void required_A1_10_aPageOutOfBoundsIsRefused() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));

        assertThatThrownBy(() -> audit.page(coupon.id(), -1, 10)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("from");
        assertThatThrownBy(() -> audit.page(coupon.id(), 0, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("max");
        assertThatThrownBy(() -> audit.page(coupon.id(), 0, AuditTrail.MAX_PAGE + 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("max");
        assertThatThrownBy(() -> audit.page(null, 0, 10)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("couponId");
    }

    /**
     * A1.11: checkouts that append to a coupon's trail while it is verified never make the
     * verification report a broken or shortened chain.
     *
     * @throws Exception when the appending thread fails
     */
    @Test
    void required_A1_11_appendsDuringAVerificationAreNotABreak() throws Exception {
        CouponRecord coupon = given.coupon(UsageLimits.total(100_000));
        for (int i = 0; i < 200; i++) {
            given.lock(coupon, "warm" + i, "warm-" + i, T0);
        }
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorService appender = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> appended = appender.submit(() -> {
                int n = 0;
                while (!done.get()) {
                    given.lock(coupon, "u" + n, "append-" + n, T0);
                    n++;
                }
                return n;
            });
            List<AuditVerification> verdicts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                verdicts.add(audit.verify(coupon.id()));
            }
            done.set(true);
            assertThat(appended.get(60, TimeUnit.SECONDS)).isPositive();
            assertThat(verdicts).allSatisfy(v -> assertThat(v.isIntact()).as(v.toString()).isTrue());
            assertThat(verdicts.get(verdicts.size() - 1).entriesChecked()).isGreaterThan(200);
        } finally {
            done.set(true);
            appender.shutdownNow();
        }
    }
}
