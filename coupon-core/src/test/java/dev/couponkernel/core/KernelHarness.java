package dev.couponkernel.core;

import dev.couponkernel.core.storage.InMemoryAttemptLog;
import dev.couponkernel.core.storage.InMemoryCouponStorage;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CartId;
import dev.couponkernel.spi.value.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A kernel on in-memory storage with a clock the test moves, carts and customers it sets, and the events it saw. */
public final class KernelHarness {

    public static final Duration TTL = Duration.ofMinutes(15);
    public static final Actor STAFF = Actor.of("staff:test");

    public final MutableClock clock = new MutableClock(Fixtures.NOW);
    public final InMemoryCouponStorage storage = InMemoryCouponStorage.create();
    public final Map<CartId, Cart> carts = new ConcurrentHashMap<>();
    public final Map<UserId, Customer> customers = new ConcurrentHashMap<>();
    public final List<EventEnvelope> published = new CopyOnWriteArrayList<>();
    public volatile boolean publisherFails;
    private final AtomicInteger ids = new AtomicInteger();
    public final InMemoryAttemptLog attempts = InMemoryAttemptLog.create();
    public final CouponKernel kernel;

    public KernelHarness() {
        this(null);
    }

    /** A harness whose kernel has the fraud guard the function builds on the harness's attempt log (none for null). */
    public KernelHarness(java.util.function.Function<InMemoryAttemptLog, dev.couponkernel.core.fraud.FraudGuard> guard) {
        CouponKernel.Builder b = CouponKernel.builder()
                .storage(storage)
                .carts(id -> Optional.ofNullable(carts.get(id)))
                .customers(id -> Optional.ofNullable(customers.get(id)))
                .events(e -> {
                    if (publisherFails) {
                        throw new IllegalStateException("broker down");
                    }
                    published.add(e);
                })
                .clock(clock)
                .lockTtl(TTL)
                .couponIds(() -> "coupon-" + ids.incrementAndGet());
        if (guard != null) {
            b.fraudGuard(guard.apply(attempts));
        }
        kernel = b.build();
        carts.put(CartId.of("cart-1"), Fixtures.exampleCart());
        for (int i = 0; i < 300; i++) {
            customers.put(UserId.of("u-" + i), Customer.of("u-" + i, Fixtures.NOW.minusSeconds(86_400L * 90), 2));
        }
    }

    /** Creates and activates a coupon. */
    public CouponRecord active(CouponDefinition definition) {
        CouponRecord created = kernel.create(definition, STAFF);
        return kernel.activate(created.id(), STAFF);
    }

    public List<Class<?>> publishedTypes() {
        List<Class<?>> types = new java.util.ArrayList<>();
        published.forEach(e -> types.add(e.event().getClass()));
        return types;
    }

    public List<CouponEvent> publishedEvents() {
        return published.stream().map(EventEnvelope::event).toList();
    }

    /** A clock tests move by hand. Thread-safe. */
    public static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
