package dev.couponkernel.testkit;

import static dev.couponkernel.testkit.StorageFixture.ACTOR;
import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.error.NotFoundException;
import dev.couponkernel.spi.event.CouponActivated;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.event.CouponDisabled;
import dev.couponkernel.spi.store.AuditAction;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.CouponRepository;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.store.LockOutcome;
import dev.couponkernel.spi.store.LockRequest;
import dev.couponkernel.spi.coupon.RejectionReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CouponRepository}: storage by id and code with optimistic versioning, and
 * the audit entry and event of every save. Extend it and return a fresh storage from {@link
 * #newStorage()}.
 */
public abstract class CouponRepositoryContract {

    private CouponStorage storage;
    private CouponRepository coupons;

    /**
     * Returns a new, empty storage. Called before every rule.
     *
     * @return the storage under test
     */
    protected abstract CouponStorage newStorage();

    /** Creates the storage for one rule. */
    @BeforeEach
    void createStorage() {
        storage = newStorage();
        coupons = storage.coupons();
    }

    private static CouponRecord draft(String id, String code) {
        CouponDefinition definition = CouponDefinition.builder(code).percentOff(10).limits(UsageLimits.of(100, 1)).build();
        return new CouponRecord(CouponId.of(id), definition, CouponStatus.DRAFT, 0, T0, T0);
    }

    private CouponRecord create(String id, String code) {
        CouponRecord record = draft(id, code);
        return coupons.save(record, new CouponCreated(record.id(), record.definition().code(), T0, ACTOR));
    }

    private static CouponRecord with(CouponRecord r, CouponStatus status) {
        return new CouponRecord(r.id(), r.definition(), status, r.version(), r.createdAt(), T0.plusSeconds(1));
    }

    /** R1.1: a new coupon (version 0) is stored at version 1 and found by id and by code. */
    @Test
    void required_R1_1_aNewCouponIsStoredAtVersionOne() {
        CouponRecord stored = create("c-1", "SPRING10");

        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.definition()).isEqualTo(draft("c-1", "SPRING10").definition());
        assertThat(coupons.findById(CouponId.of("c-1"))).contains(stored);
        assertThat(coupons.findByCode(CouponCode.parse("spring10"))).contains(stored);
    }

    /**
     * R1.11: saving a new coupon gives the ledger its limits in the same atomic unit: with no {@code
     * changeLimits} call, locks that pass no limits of their own are still held to the definition's
     * total and per-customer limits.
     */
    @Test
    void required_R1_11_aNewCouponsLimitsAreTheLedgersAtOnce() {
        CouponDefinition definition = CouponDefinition.builder("LIMITED").percentOff(10).limits(UsageLimits.of(2, 1)).build();
        CouponRecord record = new CouponRecord(CouponId.of("c-lim"), definition, CouponStatus.ACTIVE, 0, T0, T0);
        CouponRecord stored = coupons.save(record, new CouponCreated(record.id(), definition.code(), T0, ACTOR));
        java.util.function.BiFunction<String, String, LockOutcome> lock = (user, checkout) -> storage.ledger().lock(
                new LockRequest(stored.id(), definition.code(), UserId.of(user), CheckoutId.of(checkout),
                        UsageLimits.unlimited(), T0, T0.plusSeconds(900), ACTOR));

        assertThat(lock.apply("alice", "co-1").isLocked()).isTrue();
        assertThat(lock.apply("alice", "co-2").reason()).contains(RejectionReason.USER_LIMIT_REACHED);
        assertThat(lock.apply("bob", "co-3").isLocked()).isTrue();
        assertThat(lock.apply("carol", "co-4").reason()).contains(RejectionReason.TOTAL_LIMIT_REACHED);
    }

    /**
     * R1.12: every kind of definition survives a save and a read exactly, by id and by code, as a new
     * coupon and as an update of one: 120 definitions generated by {@link DefinitionArbitraries} (each
     * discount type, currency sets with 0 to 3 decimals, scopes, eligibility rules, stacking rules,
     * validity periods and limits).
     */
    @Test
    void required_R1_12_everyKindOfDefinitionSurvivesSaveAndRead() {
        List<CouponDefinition> samples = DefinitionArbitraries.definitions().sampleStream().distinct().limit(120).toList();
        String run = Long.toString(System.nanoTime(), 36).toUpperCase(java.util.Locale.ROOT);
        for (int i = 0; i < samples.size(); i++) {
            CouponDefinition generated = samples.get(i);
            CouponDefinition d = new CouponDefinition(CouponCode.parse("R" + i + "X" + run), generated.discount(),
                    generated.stacking(), generated.eligibility(), generated.validity(), generated.limits(),
                    generated.reinstatePolicy(), generated.codes());
            CouponRecord record = new CouponRecord(CouponId.of("rt-" + i + "-" + run), d, CouponStatus.DRAFT, 0, T0, T0);
            CouponRecord stored = coupons.save(record, new CouponCreated(record.id(), d.code(), T0, ACTOR));

            assertThat(coupons.findById(record.id()).orElseThrow().definition()).as("definition %d by id", i).isEqualTo(d);
            if (d.codes() == dev.couponkernel.spi.coupon.CodeMode.SHARED) {
                assertThat(coupons.findByCode(d.code()).orElseThrow().definition()).as("definition %d by code", i).isEqualTo(d);
            } else {
                assertThat(coupons.findByCode(d.code())).as("a campaign's own code %d is not typed", i).isEmpty();
            }

            CouponDefinition other = samples.get((i + 1) % samples.size());
            CouponDefinition changed = new CouponDefinition(d.code(), other.discount(), other.stacking(), other.eligibility(),
                    other.validity(), d.codes() == dev.couponkernel.spi.coupon.CodeMode.SHARED
                            ? other.limits().withPerCode(java.util.OptionalLong.empty()) : other.limits(),
                    other.reinstatePolicy(), d.codes());
            coupons.save(new CouponRecord(stored.id(), changed, CouponStatus.DRAFT, stored.version(), T0, T0.plusSeconds(1)),
                    new CouponActivated(stored.id(), d.code(), T0.plusSeconds(1), ACTOR));
            assertThat(coupons.findById(record.id()).orElseThrow().definition()).as("definition %d updated", i)
                    .isEqualTo(changed);
        }
    }

    /** R1.2: an update at the stored version is stored at the next version. */
    @Test
    void required_R1_2_anUpdateAtTheStoredVersionAdvancesIt() {
        CouponRecord stored = create("c-1", "SPRING10");

        CouponRecord updated = coupons.save(with(stored, CouponStatus.ACTIVE),
                new CouponActivated(stored.id(), stored.definition().code(), T0.plusSeconds(1), ACTOR));

        assertThat(updated.version()).isEqualTo(2);
        assertThat(coupons.findById(stored.id()).orElseThrow().status()).isEqualTo(CouponStatus.ACTIVE);
    }

    /** R1.3: an update based on a stale read fails with ConflictException and writes nothing: no lost update. */
    @Test
    void required_R1_3_aStaleWriteIsAConflictNotALostUpdate() {
        CouponRecord stored = create("c-1", "SPRING10");
        CouponRecord first = coupons.save(with(stored, CouponStatus.ACTIVE),
                new CouponActivated(stored.id(), stored.definition().code(), T0, ACTOR));
        int audit = storage.audit().byCoupon(stored.id()).size();
        int events = storage.outbox().pending(10_000).size();

        assertThatThrownBy(() -> coupons.save(with(stored, CouponStatus.DISABLED),
                new CouponDisabled(stored.id(), stored.definition().code(), T0, ACTOR, "stale")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("version 1");
        assertThat(coupons.findById(stored.id())).contains(first);
        assertThat(storage.audit().byCoupon(stored.id())).hasSize(audit);
        assertThat(storage.outbox().pending(10_000)).hasSize(events);
    }

    /** R1.4: a second coupon with a taken id or a taken code is refused with ConflictException. */
    @Test
    void required_R1_4_idsAndCodesAreUnique() {
        create("c-1", "SPRING10");

        assertThatThrownBy(() -> create("c-2", "spring10")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("SPRING10");
        assertThatThrownBy(() -> create("c-1", "OTHER10")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("c-1");
        assertThat(coupons.findByCode(CouponCode.parse("OTHER10"))).isEmpty();
    }

    /** R1.5: updating a coupon that was never stored fails with NotFoundException. */
    @Test
    void required_R1_5_updatingAnUnknownCouponIsNotFound() {
        CouponRecord ghost = new CouponRecord(CouponId.of("ghost"), draft("ghost", "GHOST1").definition(),
                CouponStatus.ACTIVE, 3, T0, T0);
        assertThatThrownBy(() -> coupons.save(ghost, new CouponActivated(ghost.id(), ghost.definition().code(), T0, ACTOR)))
                .isInstanceOf(NotFoundException.class);
        assertThat(coupons.findById(CouponId.of("ghost"))).isEmpty();
        assertThat(coupons.findByCode(CouponCode.parse("GHOST1"))).isEmpty();
    }

    /** R1.6: a stored coupon's code cannot change. */
    @Test
    void required_R1_6_theCodeIsImmutable() {
        CouponRecord stored = create("c-1", "SPRING10");
        CouponDefinition renamed = CouponDefinition.builder("SUMMER10").percentOff(10).build();
        CouponRecord changed = new CouponRecord(stored.id(), renamed, stored.status(), stored.version(), T0, T0);

        assertThatThrownBy(() -> coupons.save(changed, new CouponActivated(stored.id(), renamed.code(), T0, ACTOR)))
                .isInstanceOf(ConflictException.class);
        assertThat(coupons.findByCode(CouponCode.parse("SUMMER10"))).isEmpty();
    }

    /**
     * R1.6b: nor its code mode: a coupon of one shared code does not become a campaign of unique codes,
     * or back (the shared code's place in the namespace of typed codes, and the campaign's codes, would
     * be left without their coupon's rule).
     */
    @Test
    void required_R1_6b_theCodeModeIsImmutable() {
        CouponRecord stored = create("c-1", "SPRING10");
        CouponDefinition campaign = stored.definition().withCodes(dev.couponkernel.spi.coupon.CodeMode.UNIQUE);
        CouponRecord changed = new CouponRecord(stored.id(), campaign, stored.status(), stored.version(), T0, T0);

        assertThatThrownBy(() -> coupons.save(changed, new CouponActivated(stored.id(), campaign.code(), T0, ACTOR)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("code mode");
        assertThat(coupons.findByCode(CouponCode.parse("SPRING10"))).map(r -> r.definition().codes())
                .contains(dev.couponkernel.spi.coupon.CodeMode.SHARED);
    }

    /**
     * R1.7: 16 threads update the same coupon from the same read at once: exactly one succeeds, the
     * others get ConflictException.
     *
     * @throws Exception if a thread fails
     */
    @Test
    void required_R1_7_concurrentUpdatesFromOneReadHaveOneWinner() throws Exception {
        CouponRecord stored = create("c-1", "SPRING10");
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        coupons.save(with(stored, CouponStatus.ACTIVE),
                                new CouponActivated(stored.id(), stored.definition().code(), T0, ACTOR));
                        return true;
                    } catch (ConflictException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> f : results) {
                winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(coupons.findById(stored.id()).orElseThrow().version()).isEqualTo(2);
        assertThat(storage.audit().byCoupon(stored.id())).extracting(AuditEntry::action)
                .containsExactly(AuditAction.COUPON_CREATED, AuditAction.COUPON_ACTIVATED);
    }

    /** R1.8: every save appends its audit entry and its event. */
    @Test
    void required_R1_8_everySaveIsAuditedAndEvented() {
        CouponRecord stored = create("c-1", "SPRING10");
        coupons.save(with(stored, CouponStatus.DISABLED),
                new CouponDisabled(stored.id(), stored.definition().code(), T0.plusSeconds(5), ACTOR, "typo"));

        assertThat(storage.audit().byCoupon(stored.id())).extracting(AuditEntry::action, AuditEntry::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AuditAction.COUPON_CREATED, null),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.COUPON_DISABLED, "typo"));
        assertThat(storage.outbox().pending(10)).extracting(e -> e.event().getClass().getSimpleName())
                .containsExactly("CouponCreated", "CouponDisabled");
    }

    private static java.util.List<dev.couponkernel.spi.fraud.FraudSignal> evidence() {
        return java.util.List.of(dev.couponkernel.spi.fraud.FraudSignal.of("velocity.user", 80, "20 attempts within 1m (limit 10)"),
                dev.couponkernel.spi.fraud.FraudSignal.of("code-enumeration.device", 100, "5 unknown codes = a=b, comma; back\\slash"));
    }

    /** R1.9: a noted fraud refusal and alert are audited after the coupon's earlier entries and evented, the coupon unchanged. */
    @Test
    void required_R1_9_notedRefusalsAndAlertsAreAuditedAndEvented() {
        CouponRecord stored = create("c-1", "SPRING10");
        CouponCode code = stored.definition().code();
        dev.couponkernel.spi.event.CouponRejected rejected = new dev.couponkernel.spi.event.CouponRejected(stored.id(), code,
                T0.plusSeconds(1), dev.couponkernel.spi.value.Actor.FRAUD_GUARD, dev.couponkernel.spi.value.UserId.of("u-1"),
                dev.couponkernel.spi.fraud.AttemptKind.APPLY, dev.couponkernel.spi.coupon.RejectionReason.SUSPECTED_FRAUD,
                dev.couponkernel.spi.value.FraudScore.of(100), evidence());
        dev.couponkernel.spi.event.SecurityAlertRaised alert = new dev.couponkernel.spi.event.SecurityAlertRaised(stored.id(),
                code, T0.plusSeconds(2), dev.couponkernel.spi.value.Actor.FRAUD_GUARD,
                dev.couponkernel.spi.event.AlertLevel.DISABLED, null, dev.couponkernel.spi.value.FraudScore.NONE,
                java.util.List.of(), "coupon SPRING10 disabled by the fraud guard");

        coupons.note(rejected);
        coupons.note(alert);

        assertThat(coupons.findById(stored.id())).contains(stored);
        java.util.List<AuditEntry> trail = storage.audit().byCoupon(stored.id());
        assertThat(trail).extracting(AuditEntry::action).containsExactly(
                AuditAction.COUPON_CREATED, AuditAction.COUPON_REJECTED, AuditAction.SECURITY_ALERT);
        assertThat(trail.get(1).reason()).isEqualTo("SUSPECTED_FRAUD");
        assertThat(trail.get(1).detail()).contains("user=u-1", "score=100", "velocity.user=80");
        assertThat(trail.get(2).reason()).isEqualTo("coupon SPRING10 disabled by the fraud guard");
        assertThat(storage.audit().verify(stored.id()).isIntact()).isTrue();
        assertThat(storage.outbox().pending(10)).extracting(e -> e.event())
                .containsExactly(new CouponCreated(stored.id(), code, T0, ACTOR), rejected, alert);
    }

    /** R1.10: only refusals and alerts are noted; any other event, an unknown coupon or a wrong code is refused with nothing written. */
    @Test
    void required_R1_10_noteRefusesOtherEventsAndUnknownCoupons() {
        CouponRecord stored = create("c-1", "SPRING10");
        create("c-2", "OTHER10");
        int events = storage.outbox().pending(10_000).size();

        assertThatThrownBy(() -> coupons.note(new CouponDisabled(stored.id(), stored.definition().code(), T0, ACTOR, "x")))
                .isInstanceOf(dev.couponkernel.spi.error.InvalidInputException.class).hasMessageContaining("CouponDisabled");
        assertThatThrownBy(() -> coupons.note(new dev.couponkernel.spi.event.SecurityAlertRaised(CouponId.of("nope"),
                stored.definition().code(), T0, ACTOR, dev.couponkernel.spi.event.AlertLevel.REVIEW, null,
                dev.couponkernel.spi.value.FraudScore.NONE, java.util.List.of(), "x")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> coupons.note(new dev.couponkernel.spi.event.SecurityAlertRaised(stored.id(),
                CouponCode.parse("OTHER10"), T0, ACTOR, dev.couponkernel.spi.event.AlertLevel.REVIEW, null,
                dev.couponkernel.spi.value.FraudScore.NONE, java.util.List.of(), "x")))
                .isInstanceOf(dev.couponkernel.spi.error.InvalidInputException.class).hasMessageContaining("OTHER10");

        assertThat(storage.audit().byCoupon(stored.id())).hasSize(1);
        assertThat(storage.outbox().pending(10_000)).hasSize(events);
    }

    /**
     * R1.13: a search finds the coupons whose code contains the text (ignoring case) or whose id is the
     * text, in the status asked for, ordered by code, a page at a time with the total; a text with
     * SQL's wildcards matches them literally.
     */
    @Test
    void required_R1_13_searchFindsCouponsByCodeOrIdAndStatusInPages() {
        for (int i = 0; i < 7; i++) {
            create("c-" + i, "SUMMER" + (9 - i));
        }
        CouponRecord winter = create("w-1", "WINTER10");
        CouponRecord active = coupons.save(with(winter, CouponStatus.ACTIVE),
                new CouponActivated(winter.id(), winter.definition().code(), T0.plusSeconds(1), ACTOR));
        create("x-1", "HALF_OFF");
        create("x-2", "HALFXOFF");
        create("x-3", "HALF-OFF");

        dev.couponkernel.spi.store.CouponPage first = coupons.search(new dev.couponkernel.spi.store.CouponQuery(
                " summer ", java.util.Optional.empty(), 0, 3));
        assertThat(first.total()).isEqualTo(7);
        assertThat(first.coupons()).extracting(c -> c.definition().code().value()).containsExactly("SUMMER3", "SUMMER4", "SUMMER5");
        assertThat(first.hasNext()).isTrue();
        dev.couponkernel.spi.store.CouponPage last = coupons.search(new dev.couponkernel.spi.store.CouponQuery(
                "Summer", java.util.Optional.empty(), 2, 3));
        assertThat(last.coupons()).extracting(c -> c.definition().code().value()).containsExactly("SUMMER9");
        assertThat(last.hasNext()).isFalse();
        dev.couponkernel.spi.store.CouponPage past = coupons.search(new dev.couponkernel.spi.store.CouponQuery("summer",
                java.util.Optional.empty(), 5, 3));
        assertThat(past.coupons()).as("a page past the end").isEmpty();
        assertThat(past.total()).isEqualTo(7);

        assertThat(coupons.search(new dev.couponkernel.spi.store.CouponQuery("w-1", java.util.Optional.empty(), 0, 10))
                .coupons()).as("by id").containsExactly(active);
        assertThat(coupons.search(new dev.couponkernel.spi.store.CouponQuery("", java.util.Optional.of(CouponStatus.ACTIVE), 0, 10))
                .coupons()).as("by status").containsExactly(active);
        assertThat(coupons.search(new dev.couponkernel.spi.store.CouponQuery("summer", java.util.Optional.of(CouponStatus.ACTIVE), 0, 10))
                .total()).isZero();
        assertThat(coupons.search(new dev.couponkernel.spi.store.CouponQuery("F_O", java.util.Optional.empty(), 0, 10))
                .coupons()).as("an underscore is no wildcard").extracting(c -> c.id().value()).containsExactly("x-1");
        assertThat(coupons.search(new dev.couponkernel.spi.store.CouponQuery("HALF%OFF", java.util.Optional.empty(), 0, 10))
                .total()).as("a percent sign is no wildcard").isZero();
        assertThat(coupons.search(new dev.couponkernel.spi.store.CouponQuery("!", java.util.Optional.empty(), 0, 10))
                .total()).as("nor is the escape character").isZero();
        dev.couponkernel.spi.store.CouponPage all = coupons.search(dev.couponkernel.spi.store.CouponQuery.all(0, 100));
        assertThat(all.total()).isEqualTo(11);
        assertThat(all.coupons()).extracting(c -> c.definition().code().value()).isSorted();
    }
}
