package dev.couponkernel.testkit;

import static dev.couponkernel.testkit.StorageFixture.ACTOR;
import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.store.EventOutbox;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.UsageLimits;
import java.util.List;
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
}
