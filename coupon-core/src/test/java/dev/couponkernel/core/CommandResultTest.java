package dev.couponkernel.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.storage.InMemoryCouponStorage;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.event.EventPublisher;
import dev.couponkernel.spi.store.AuditTrail;
import dev.couponkernel.spi.store.CouponRepository;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.store.EventOutbox;
import dev.couponkernel.spi.store.RelayResult;
import dev.couponkernel.spi.store.UsageLedger;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A command's result is its own transaction's truth: the relay that runs after it never turns a
 * commit into an error, and never keeps the caller busy with other commands' events.
 */
class CommandResultTest {

    /** Storage whose outbox relay fails while {@code relayFails} is set; everything else is in memory. */
    private static final class FlakyRelayStorage implements CouponStorage {
        final InMemoryCouponStorage inner = InMemoryCouponStorage.create();
        final AtomicBoolean relayFails = new AtomicBoolean();
        final EventOutbox outbox = new EventOutbox() {
            @Override
            public List<EventEnvelope> pending(int max) {
                return inner.outbox().pending(max);
            }

            @Override
            public void markPublished(Collection<String> eventIds) {
                inner.outbox().markPublished(eventIds);
            }

            @Override
            public RelayResult relay(EventPublisher publisher, int maxEvents) {
                if (relayFails.get()) {
                    throw new StorageException("connection lost while relaying", null);
                }
                return inner.outbox().relay(publisher, maxEvents);
            }
        };

        @Override
        public CouponRepository coupons() {
            return inner.coupons();
        }

        @Override
        public UsageLedger ledger() {
            return inner.ledger();
        }

        @Override
        public AuditTrail audit() {
            return inner.audit();
        }

        @Override
        public EventOutbox outbox() {
            return outbox;
        }

        @Override
        public dev.couponkernel.spi.store.CodeStore codes() {
            return inner.codes();
        }
    }

    private static CouponKernel kernel(CouponStorage storage, EventPublisher events, int relayAfterCommand) {
        return CouponKernel.builder().storage(storage)
                .carts(id -> Optional.of(Fixtures.exampleCart()))
                .customers(id -> Optional.of(Customer.of(id.value(), Fixtures.NOW.minusSeconds(86_400), 1)))
                .events(events).clock(new KernelHarness.MutableClock(Fixtures.NOW))
                .relayAfterCommand(relayAfterCommand).build();
    }

    @Test
    void aRelayFailureAfterACommittedCommandIsNotTheCommandsError() {
        FlakyRelayStorage storage = new FlakyRelayStorage();
        List<EventEnvelope> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        CouponKernel kernel = kernel(storage, published::add, 16);
        storage.relayFails.set(true);

        CouponRecord created = kernel.create(CouponDefinition.builder("SAVE10").percentOff(10)
                .limits(UsageLimits.of(1, 1)).build(), Fixtures.STAFF);
        CouponRecord active = kernel.activate(created.id(), Fixtures.STAFF);
        ApplyResult applied = kernel.apply(ApplyRequest.of("chk-1", "u-1", "cart-1", "SAVE10"));
        CouponRecord disabled = kernel.disable(created.id(), Fixtures.STAFF, "campaign over");

        assertThat(active.status()).isEqualTo(CouponStatus.ACTIVE);
        assertThat(applied.usages()).hasSize(1);
        assertThat(disabled.status()).isEqualTo(CouponStatus.DISABLED);
        assertThat(published).isEmpty();
        // the ledger had the limits from the create on: a second customer is refused by them
        assertThat(storage.ledger().count(created.id(), UserId.of("u-2")).total()).isEqualTo(1);
        // the events are still pending and go out with the next relay
        storage.relayFails.set(false);
        assertThat(kernel.publishPendingEvents()).isEqualTo(4);
        assertThat(published).hasSize(4);
    }

    @Test
    void aCommandRelaysAtMostItsBoundWhateverIsPending() {
        InMemoryCouponStorage storage = InMemoryCouponStorage.create();
        AtomicInteger publishedDuringApply = new AtomicInteger();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean brokerDown = new AtomicBoolean(true);
        CouponKernel kernel = kernel(storage, e -> {
            if (brokerDown.get()) {
                throw new IllegalStateException("broker down");
            }
            if (counting.get()) {
                publishedDuringApply.incrementAndGet();
            }
        }, 16);
        // 500 coupons created while the broker is down: 1,000 events pending
        for (int i = 0; i < 500; i++) {
            CouponRecord c = kernel.create(CouponDefinition.builder("BULK" + i).percentOff(10).build(), Fixtures.STAFF);
            kernel.activate(c.id(), Fixtures.STAFF);
        }
        assertThat(storage.outbox().pending(10_000)).hasSize(1000);
        brokerDown.set(false);

        counting.set(true);
        ApplyResult applied = kernel.apply(ApplyRequest.of("chk-1", "u-1", "cart-1", "BULK7"));
        counting.set(false);

        assertThat(applied.usages()).hasSize(1);
        assertThat(publishedDuringApply.get()).isEqualTo(16);
        assertThat(storage.outbox().pending(10_000)).hasSize(1000 + 1 - 16);
        // the host's relay publishes the rest; a kernel set to 0 relays nothing in its commands
        assertThat(kernel.publishPendingEvents()).isEqualTo(985);
        CouponKernel quiet = kernel(storage, e -> publishedDuringApply.incrementAndGet(), 0);
        quiet.apply(ApplyRequest.of("chk-2", "u-2", "cart-1", "BULK8"));
        assertThat(storage.outbox().pending(10)).hasSize(1);
    }
}
