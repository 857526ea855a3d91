package dev.couponkernel.testkit;

import static dev.couponkernel.testkit.StorageFixture.ACTOR;
import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.event.AlertLevel;
import dev.couponkernel.spi.event.CouponActivated;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.event.CouponDisabled;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.CouponLimitsChanged;
import dev.couponkernel.spi.event.CouponRedeemed;
import dev.couponkernel.spi.event.CouponRejected;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.event.CouponSuspended;
import dev.couponkernel.spi.event.CouponSuspensionLifted;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.event.EventPublisher;
import dev.couponkernel.spi.event.EventType;
import dev.couponkernel.spi.event.SecurityAlertRaised;
import dev.couponkernel.spi.fraud.AttemptKind;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.store.EventOutbox;
import dev.couponkernel.spi.store.RelayResult;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.FraudScore;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link EventOutbox}: one event per stored change, in order, with a unique id,
 * pending until marked published. Extend it and return a fresh storage from {@link #newStorage()}.
 */
public abstract class EventOutboxContract {

    private StorageFixture given;
    private EventOutbox outbox;

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
        outbox = given.storage().outbox();
    }

    /** E1.1: each stored change leaves one pending event, oldest first, with unique ids and increasing sequence. */
    @Test
    void required_E1_1_changesLeaveEventsInOrder() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        given.lock(coupon, "alice", "co-1", T0);

        List<EventEnvelope> pending = outbox.pending(100);

        assertThat(pending).hasSize(2);
        assertThat(pending.get(0).event()).isInstanceOf(CouponCreated.class);
        assertThat(pending.get(1).event()).isInstanceOf(CouponApplied.class);
        assertThat(pending).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
        assertThat(pending.get(0).sequence()).isLessThan(pending.get(1).sequence());
    }

    /** E1.2: pending events stay pending, with the same ids, until marked published: delivery is at least once. */
    @Test
    void required_E1_2_unmarkedEventsAreDeliveredAgain() {
        given.coupon(UsageLimits.total(5));

        List<EventEnvelope> first = outbox.pending(100);
        List<EventEnvelope> again = outbox.pending(100);

        assertThat(again).isEqualTo(first);
    }

    /** E1.3: marked events are no longer pending; unknown and repeated ids are ignored; max is respected. */
    @Test
    void required_E1_3_markingPublishedRemovesExactlyThose() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        given.lock(coupon, "alice", "co-1", T0);
        given.storage().ledger().release(CheckoutId.of("co-1"), "failed", T0, ACTOR);
        List<EventEnvelope> all = outbox.pending(100);
        assertThat(all).hasSize(3);
        assertThat(outbox.pending(2)).isEqualTo(all.subList(0, 2));

        outbox.markPublished(List.of(all.get(0).eventId(), "no-such-event"));
        outbox.markPublished(List.of(all.get(0).eventId()));

        assertThat(outbox.pending(100)).isEqualTo(all.subList(1, 3));
    }

    /** E1.4: a refused lock leaves no event: an event exists only if its change was stored. */
    @Test
    void required_E1_4_noChangeNoEvent() {
        CouponRecord coupon = given.coupon(UsageLimits.total(1));
        given.lock(coupon, "alice", "co-1", T0);
        int before = outbox.pending(100).size();

        given.lock(coupon, "bob", "co-2", T0);

        assertThat(outbox.pending(100)).hasSize(before);
    }

    /** E1.5: the relay publishes each pending event once, oldest first, and marks it; a second relay finds nothing. */
    @Test
    void required_E1_5_theRelayPublishesAndMarks() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        given.lock(coupon, "alice", "co-1", T0);
        List<EventEnvelope> pending = outbox.pending(100);
        List<EventEnvelope> delivered = new ArrayList<>();

        RelayResult first = outbox.relay(delivered::add, 100);
        RelayResult second = outbox.relay(delivered::add, 100);

        assertThat(first).isEqualTo(RelayResult.of(2));
        assertThat(second).isEqualTo(RelayResult.of(0));
        assertThat(delivered).isEqualTo(pending);
        assertThat(outbox.pending(100)).isEmpty();
        assertThatThrownBy(() -> outbox.relay(delivered::add, 0)).isInstanceOf(RuntimeException.class);
    }

    /**
     * E1.9: every kind of event reads back from the outbox exactly as it was written, including text a
     * stored format could mangle (commas, equals signs, backslashes, quotes, braces, non-ASCII) and
     * instants to the microsecond: lifecycle changes (and the limits' event) through {@code save}, usage changes through the
     * ledger, refusals and alerts through {@code note}.
     */
    @Test
    void required_E1_9_everyKindOfEventReadsBackAsWritten() {
        String awkward = "a, b = \\ \"c\" {d} [e] zoë";
        Instant at = T0.plusNanos(123_456_000);
        Actor staff = Actor.of("staff:zoë");
        CouponRecord coupon = given.coupon(UsageLimits.of(10, 3), CouponStatus.DRAFT);
        CouponCode code = coupon.definition().code();
        CouponRecord active = given.storage().coupons().save(new CouponRecord(coupon.id(), coupon.definition(),
                CouponStatus.ACTIVE, coupon.version(), coupon.createdAt(), at),
                new CouponActivated(coupon.id(), code, at, staff));
        CouponDefinition d = coupon.definition();
        CouponDefinition changed = new CouponDefinition(d.code(), d.discount(), d.stacking(), d.eligibility(), d.validity(),
                UsageLimits.of(20, 2));
        given.storage().ledger().changeLimits(coupon.id(), changed.limits(), at, staff);
        active = given.storage().coupons().save(new CouponRecord(coupon.id(), changed, CouponStatus.ACTIVE,
                active.version(), coupon.createdAt(), at), new CouponLimitsChanged(coupon.id(), code, at, staff, changed.limits()));
        given.lock(active, "alice", "co-1", at);
        given.storage().ledger().redeem(CheckoutId.of("co-1"), OrderId.of("o-1"), at, staff);
        given.storage().ledger().reinstate(CheckoutId.of("co-1"), OrderId.of("o-1"), java.util.Set.of(coupon.id()), awkward, at,
                staff);
        given.lock(active, "bob", "co-2", at);
        given.storage().ledger().release(CheckoutId.of("co-2"), awkward, at, staff);
        List<FraudSignal> signals = List.of(
                FraudSignal.of("velocity.device", 55, awkward),
                FraudSignal.of("code-enumeration.ip", 100, "5 unknown codes"));
        given.storage().coupons().note(new CouponRejected(coupon.id(), code, at, staff,
                UserId.of("mallory"), AttemptKind.APPLY,
                RejectionReason.SUSPECTED_FRAUD, FraudScore.of(100),
                signals));
        given.storage().coupons().note(new SecurityAlertRaised(coupon.id(), code, at, staff,
                AlertLevel.REVIEW, null, FraudScore.of(60), signals,
                awkward));
        CouponRecord current = given.storage().coupons().findById(coupon.id()).orElseThrow();
        CouponRecord suspended = given.storage().coupons().save(new CouponRecord(coupon.id(), current.definition(),
                CouponStatus.SUSPENDED, current.version(), current.createdAt(), at),
                new CouponSuspended(coupon.id(), code, at, staff, awkward));
        CouponRecord lifted = given.storage().coupons().save(new CouponRecord(coupon.id(), current.definition(),
                CouponStatus.ACTIVE, suspended.version(), current.createdAt(), at),
                new CouponSuspensionLifted(coupon.id(), code, at, staff, awkward));
        given.storage().coupons().save(new CouponRecord(coupon.id(), current.definition(),
                CouponStatus.DISABLED, lifted.version(), current.createdAt(), at),
                new CouponDisabled(coupon.id(), code, at, staff, awkward));

        CouponRecord campaign = given.campaign(UsageLimits.unlimited().withPerCode(1));
        given.addCodes(campaign, awkward + " " + Integer.toHexString(campaign.id().value().hashCode()), "QQQ-1");
        given.storage().codes().voidCode(CouponCode.parse("QQQ-1"), awkward, at, staff);

        List<CouponEvent> all = outbox.pending(100).stream().map(EventEnvelope::event).toList();
        List<CouponEvent> events = all.stream().filter(e -> e.couponId().equals(coupon.id())).toList();
        List<CouponEvent> ofCampaign = all.stream().filter(e -> e.couponId().equals(campaign.id())).toList();
        assertThat(ofCampaign).extracting(CouponEvent::type).containsExactly(EventType.COUPON_CREATED,
                EventType.COUPON_CODES_ADDED, EventType.COUPON_CODE_VOIDED);
        assertThat(ofCampaign.get(1)).isEqualTo(new dev.couponkernel.spi.event.CouponCodesAdded(campaign.id(),
                campaign.definition().code(), T0, ACTOR, awkward + " " + Integer.toHexString(campaign.id().value().hashCode()), 1));
        assertThat(ofCampaign.get(2)).isEqualTo(new dev.couponkernel.spi.event.CouponCodeVoided(campaign.id(),
                CouponCode.parse("QQQ-1"), at, staff, awkward));
        assertThat(all).extracting(CouponEvent::type).containsOnly(EventType.values());

        assertThat(events).extracting(CouponEvent::type)
                .as("in the order they were stored").containsExactly(
                        EventType.COUPON_CREATED, EventType.COUPON_ACTIVATED,
                        EventType.COUPON_LIMITS_CHANGED, EventType.COUPON_APPLIED,
                        EventType.COUPON_REDEEMED, EventType.COUPON_REINSTATED, EventType.COUPON_APPLIED,
                        EventType.COUPON_RELEASED, EventType.COUPON_REJECTED,
                        EventType.SECURITY_ALERT_RAISED, EventType.COUPON_SUSPENDED,
                        EventType.COUPON_SUSPENSION_LIFTED, EventType.COUPON_DISABLED);
        assertThat(events.get(1)).isEqualTo(new CouponActivated(coupon.id(), code, at, staff));
        assertThat(events.get(2)).isEqualTo(new CouponLimitsChanged(coupon.id(), code, at, staff,
                UsageLimits.of(20, 2)));
        assertThat(((CouponRedeemed) events.get(4)).orderId().value()).isEqualTo("o-1");
        CouponRedeemed redeemed = (CouponRedeemed) events.get(4);
        assertThat(events.get(5)).isEqualTo(new dev.couponkernel.spi.event.CouponReinstated(coupon.id(), code, at, staff,
                redeemed.usageId(), redeemed.userId(), redeemed.checkoutId(), redeemed.orderId(), awkward));
        assertThat(((CouponReleased) events.get(7)).reason()).isEqualTo(awkward);
        assertThat(((CouponRejected) events.get(8)).signals()).isEqualTo(signals);
        assertThat(events.get(9)).isEqualTo(new SecurityAlertRaised(coupon.id(), code, at, staff,
                AlertLevel.REVIEW, null, FraudScore.of(60), signals,
                awkward));
        assertThat(((CouponSuspended) events.get(10)).reason()).isEqualTo(awkward);
        assertThat(((CouponSuspensionLifted) events.get(11)).reason()).isEqualTo(awkward);
        assertThat(events.get(12)).isEqualTo(new CouponDisabled(coupon.id(), code, at, staff, awkward));
        assertThat(events).allSatisfy(e -> assertThat(e.actor()).isIn(staff, ACTOR));
    }

    /** E1.6: a failing publisher stops the relay; its event and the later ones of that coupon stay pending, in order. */
    @Test
    void required_E1_6_aPublisherFailureLeavesTheRestPendingInOrder() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        given.lock(coupon, "alice", "co-1", T0);
        given.lock(coupon, "bob", "co-2", T0);
        List<EventEnvelope> all = outbox.pending(100);
        List<EventEnvelope> delivered = new ArrayList<>();
        RuntimeException brokerDown = new IllegalStateException("broker down");

        RelayResult failed = outbox.relay(e -> {
            if (e.eventId().equals(all.get(1).eventId())) {
                throw brokerDown;
            }
            delivered.add(e);
        }, 100);

        assertThat(failed.published()).isEqualTo(1);
        assertThat(failed.failure()).containsSame(brokerDown);
        assertThat(delivered).containsExactly(all.get(0));
        assertThat(outbox.pending(100)).isEqualTo(all.subList(1, 3));

        RelayResult retried = outbox.relay(delivered::add, 100);

        assertThat(retried).isEqualTo(RelayResult.of(2));
        assertThat(delivered).isEqualTo(all);
    }

    /** E1.7: a relay that dies between publishing and marking leaves the events pending; the next publishes them again, same ids. */
    @Test
    void required_E1_7_aRelayKilledBeforeMarkingIsRedelivered() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        given.lock(coupon, "alice", "co-1", T0);
        List<EventEnvelope> all = outbox.pending(100);
        List<EventEnvelope> delivered = new ArrayList<>();

        assertThatThrownBy(() -> outbox.relay(e -> {
            delivered.add(e);
            if (delivered.size() == all.size()) {
                throw new RelayKilled();
            }
        }, 100)).isInstanceOf(RelayKilled.class);
        assertThat(outbox.pending(100)).isEqualTo(all);

        outbox.relay(delivered::add, 100);

        assertThat(delivered).hasSize(2 * all.size());
        assertThat(deduplicated(delivered)).isEqualTo(all);
        assertThat(outbox.pending(100)).isEmpty();
    }

    /**
     * E1.8: eight relays at once, while eight writers change four coupons: every event is delivered,
     * no coupon ever has two events in flight at once, and each coupon's events arrive in the order
     * they were stored.
     */
    @Test
    void required_E1_8_concurrentRelaysKeepEachCouponsOrder() throws Exception {
        List<CouponRecord> coupons = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            coupons.add(given.coupon(UsageLimits.unlimited()));
        }
        Map<CouponId, List<Long>> arrivals = new ConcurrentHashMap<>();
        Set<CouponId> inFlight = ConcurrentHashMap.newKeySet();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        List<EventEnvelope> delivered = Collections.synchronizedList(new ArrayList<>());
        EventPublisher publisher = e -> {
            CouponId coupon = e.event().couponId();
            if (!inFlight.add(coupon)) {
                violations.add("two events of " + coupon + " in flight at once");
            }
            try {
                Thread.sleep(0, 200_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            arrivals.computeIfAbsent(coupon, k -> Collections.synchronizedList(new ArrayList<>())).add(e.sequence());
            delivered.add(e);
            inFlight.remove(coupon);
        };
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 12; i++) {
                        given.lock(coupons.get((writer + i) % 4), "user-" + writer, "relay-" + writer + "-" + i, T0);
                    }
                }));
            }
            List<Future<?>> relays = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                relays.add(pool.submit(() -> {
                    while (writing.get() || !outbox.pending(1).isEmpty()) {
                        outbox.relay(publisher, 7);
                    }
                }));
            }
            for (Future<?> f : writers) {
                f.get(2, TimeUnit.MINUTES);
            }
            writing.set(false);
            for (Future<?> f : relays) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(violations).isEmpty();
        assertThat(deduplicated(delivered)).hasSize(4 + 8 * 12);
        assertThat(delivered).hasSize(4 + 8 * 12);
        for (Map.Entry<CouponId, List<Long>> coupon : arrivals.entrySet()) {
            assertThat(coupon.getValue()).as("arrival order of %s", coupon.getKey()).isSorted();
        }
        assertThat(outbox.pending(100)).isEmpty();
    }

    /** Thrown by a publisher to stand for the relay's process dying mid-call. */
    private static final class RelayKilled extends Error {
        private static final long serialVersionUID = 1L;
    }

    private static List<EventEnvelope> deduplicated(List<EventEnvelope> delivered) {
        Set<String> seen = new HashSet<>();
        List<EventEnvelope> unique = new ArrayList<>();
        for (EventEnvelope e : delivered) {
            if (seen.add(e.eventId())) {
                unique.add(e);
            }
        }
        return unique;
    }
}
