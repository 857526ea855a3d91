package dev.couponkernel.core.storage;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.error.NotFoundException;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.CouponRedeemed;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.store.AuditChain;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditTrail;
import dev.couponkernel.spi.store.CouponRepository;
import dev.couponkernel.spi.store.CheckoutCheck;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.store.EventOutbox;
import dev.couponkernel.spi.store.RelayResult;
import dev.couponkernel.spi.event.EventPublisher;
import dev.couponkernel.spi.store.LimitChange;
import dev.couponkernel.spi.store.LockOutcome;
import dev.couponkernel.spi.store.LockRequest;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.store.UsageLedger;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The reference storage, in memory: coupons, usage ledger, audit trail and outbox behind one lock,
 * so every operation is atomic (a change, its audit entry and its event together) and linearizable.
 * For tests, examples and single-process hosts that need no durability; it passes the whole {@code
 * coupon-testkit}.
 *
 * <p>Thread-safe. Contents are lost when the process ends.
 */
public final class InMemoryCouponStorage implements CouponStorage {

    private static final Comparator<UsageRecord> BY_EXPIRY =
            Comparator.comparing(UsageRecord::expiresAt).thenComparing(UsageRecord::id);

    private final ReentrantLock lock = new ReentrantLock();

    private final Map<CouponId, CouponRecord> coupons = new HashMap<>();
    private final Map<CouponCode, CouponId> codes = new HashMap<>();

    private final Map<CouponId, Counter> counters = new HashMap<>();
    private final Map<CheckoutId, TreeMap<CouponId, UsageRecord>> usagesByCheckout = new HashMap<>();
    private final Set<CheckoutId> closedCheckouts = new HashSet<>();
    private final TreeSet<UsageRecord> locksByExpiry = new TreeSet<>(BY_EXPIRY);
    private long usageSequence;

    private final List<AuditEntry> auditEntries = new ArrayList<>();
    private final Map<CouponId, List<AuditEntry>> auditByCoupon = new HashMap<>();
    private final Map<UsageId, List<AuditEntry>> auditByUsage = new HashMap<>();

    private final LinkedHashMap<String, EventEnvelope> pendingEvents = new LinkedHashMap<>();
    private long eventSequence;
    private final Supplier<String> eventIds;

    private final CouponRepository repository = new Repository();
    private final UsageLedger ledger = new Ledger();
    private final AuditTrail audit = new Audit();
    private final EventOutbox outbox = new Outbox();
    private final ReentrantLock relayLock = new ReentrantLock();

    private InMemoryCouponStorage(Supplier<String> eventIds) {
        this.eventIds = eventIds;
    }

    /** @return an empty storage */
    public static InMemoryCouponStorage create() {
        return new InMemoryCouponStorage(() -> UUID.randomUUID().toString());
    }

    @Override
    public CouponRepository coupons() {
        return repository;
    }

    @Override
    public UsageLedger ledger() {
        return ledger;
    }

    @Override
    public AuditTrail audit() {
        return audit;
    }

    @Override
    public EventOutbox outbox() {
        return outbox;
    }

    /** Per-coupon counts and the limits the ledger holds. Guarded by {@code lock}. */
    private static final class Counter {
        UsageLimits held;
        long total;
        final Map<UserId, Long> perUser = new HashMap<>();
    }

    /** Appends the audit entry and the outbox event of a change. Call with {@code lock} held. */
    private void record(CouponEvent event) {
        List<AuditEntry> chain = auditByCoupon.computeIfAbsent(event.couponId(), k -> new ArrayList<>());
        String previousHash = chain.isEmpty() ? AuditChain.GENESIS : chain.get(chain.size() - 1).hash();
        AuditEntry entry = AuditEntry.describing(auditEntries.size() + 1L, event, event.occurredAt(), previousHash);
        auditEntries.add(entry);
        chain.add(entry);
        entry.usage().ifPresent(u -> auditByUsage.computeIfAbsent(u, k -> new ArrayList<>()).add(entry));
        EventEnvelope envelope = new EventEnvelope(eventIds.get(), ++eventSequence, event.occurredAt(), event);
        pendingEvents.put(envelope.eventId(), envelope);
    }

    /** Runs a body with {@code lock} held: every operation of this storage is one such atomic unit. */
    private <T> T guarded(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    private Counter counter(CouponId couponId) {
        return counters.computeIfAbsent(couponId, k -> new Counter());
    }

    private final class Repository implements CouponRepository {

        @Override
        public CouponRecord save(CouponRecord record, CouponEvent event) {
            Checks.notNull(record, "record");
            Checks.notNull(event, "event");
            if (!event.couponId().equals(record.id())) {
                throw new InvalidInputException("event", "is about coupon " + event.couponId() + ", not " + record.id());
            }
            return guarded(() -> {
                CouponRecord stored;
                if (record.version() == 0) {
                    if (coupons.containsKey(record.id())) {
                        throw new ConflictException("coupon id " + record.id() + " is taken");
                    }
                    CouponId holder = codes.get(record.definition().code());
                    if (holder != null) {
                        throw new ConflictException("code " + record.definition().code() + " is taken by coupon " + holder);
                    }
                    stored = withVersion(record, 1);
                    codes.put(record.definition().code(), record.id());
                    // the ledger holds the new coupon's limits from its creation on, in the same step
                    counter(record.id()).held = record.definition().limits();
                } else {
                    CouponRecord current = coupons.get(record.id());
                    if (current == null) {
                        throw new NotFoundException("no coupon " + record.id() + " to update");
                    }
                    if (current.version() != record.version()) {
                        throw new ConflictException("coupon " + record.id() + " was read at version " + record.version()
                                + " but is stored at version " + current.version());
                    }
                    if (!current.definition().code().equals(record.definition().code())) {
                        throw new ConflictException("the code of coupon " + record.id() + " cannot change");
                    }
                    stored = withVersion(record, record.version() + 1);
                }
                coupons.put(stored.id(), stored);
                record(event);
                return stored;
            });
        }

        @Override
        public void note(CouponEvent event) {
            CouponEvent.requireNote(event);
            guarded(() -> {
                CouponRecord coupon = coupons.get(event.couponId());
                if (coupon == null) {
                    throw new NotFoundException("no coupon " + event.couponId());
                }
                if (!coupon.definition().code().equals(event.code())) {
                    throw new InvalidInputException("event", "names code " + event.code() + " but coupon "
                            + event.couponId() + " has code " + coupon.definition().code());
                }
                record(event);
                return null;
            });
        }

        private CouponRecord withVersion(CouponRecord r, long version) {
            return new CouponRecord(r.id(), r.definition(), r.status(), version, r.createdAt(), r.updatedAt());
        }

        @Override
        public Optional<CouponRecord> findById(CouponId id) {
            Checks.notNull(id, "id");
            return guarded(() -> {
                return Optional.ofNullable(coupons.get(id));
            });
        }

        @Override
        public Optional<CouponRecord> findByCode(CouponCode code) {
            Checks.notNull(code, "code");
            return guarded(() -> {
                CouponId id = codes.get(code);
                return id == null ? Optional.empty() : Optional.of(coupons.get(id));
            });
        }
    }

    private final class Ledger implements UsageLedger {

        @Override
        public LockOutcome lock(LockRequest request) {
            Checks.notNull(request, "request");
            return guarded(() -> {
                TreeMap<CouponId, UsageRecord> ofCheckout = usagesByCheckout.get(request.checkoutId());
                CheckoutCheck check = CheckoutCheck.of(ofCheckout == null ? List.of() : List.copyOf(ofCheckout.values()),
                        closedCheckouts.contains(request.checkoutId()), request);
                if (check.expired() != null) {
                    release(check.expired(), CouponReleased.EXPIRED, request.at(), request.actor());
                }
                if (!check.proceeds()) {
                    return check.outcome();
                }
                CouponRecord coupon = coupons.get(request.couponId());
                if (coupon == null) {
                    return LockOutcome.refused(RejectionReason.UNKNOWN_CODE, "coupon " + request.couponId() + " is not stored");
                }
                LockOutcome inactive = LockOutcome.unlessActive(coupon.status(), coupon.id());
                if (inactive != null) {
                    return inactive;
                }
                Counter counter = counter(request.couponId());
                UsageLimits held = counter.held == null ? UsageLimits.unlimited() : counter.held;
                long maxTotal = LockOutcome.totalInForce(request.limits(), boxed(held.maxTotalUses()));
                long maxPerUser = LockOutcome.perUserInForce(request.limits(), boxed(held.maxUsesPerUser()));
                long byUser = counter.perUser.getOrDefault(request.userId(), 0L);
                if (counter.total >= maxTotal) {
                    return LockOutcome.totalLimitReached(counter.total, maxTotal);
                }
                if (byUser >= maxPerUser) {
                    return LockOutcome.userLimitReached(request.userId(), byUser, maxPerUser);
                }
                UsageRecord usage = UsageRecord.locked(UsageId.of("usage-" + (++usageSequence)), request);
                counter.total++;
                counter.perUser.merge(request.userId(), 1L, Long::sum);
                usagesByCheckout.computeIfAbsent(request.checkoutId(), k -> new TreeMap<>()).put(usage.couponId(), usage);
                locksByExpiry.add(usage);
                record(new CouponApplied(usage.couponId(), usage.code(), request.at(), request.actor(), usage.id(),
                        usage.userId(), usage.checkoutId(), usage.expiresAt()));
                return LockOutcome.locked(usage);
            });
        }

        @Override
        public RedeemResult redeem(CheckoutId checkoutId, UserId customer, OrderId orderId, Instant at, Actor actor) {
            Checks.notNull(checkoutId, "checkoutId");
            Checks.notNull(orderId, "orderId");
            Checks.notNull(at, "at");
            Checks.notNull(actor, "actor");
            return guarded(() -> {
                TreeMap<CouponId, UsageRecord> ofCheckout = usagesByCheckout.get(checkoutId);
                List<UsageRecord> usages = ofCheckout == null ? List.of() : List.copyOf(ofCheckout.values());
                RedeemResult.Status status = RedeemResult.decide(checkoutId, usages, customer, orderId, at);
                if (status == RedeemResult.Status.NOT_FOUND) {
                    closedCheckouts.add(checkoutId);
                }
                if (status != RedeemResult.Status.REDEEMED) {
                    return new RedeemResult(status, usages);
                }
                for (UsageRecord u : usages) {
                    if (u.status() != UsageStatus.LOCKED) {
                        continue;
                    }
                    UsageRecord done = u.redeemed(orderId, at);
                    ofCheckout.put(done.couponId(), done);
                    locksByExpiry.remove(u);
                    record(new CouponRedeemed(done.couponId(), done.code(), at, actor, done.id(), done.userId(),
                            checkoutId, orderId));
                }
                closedCheckouts.add(checkoutId);
                return new RedeemResult(RedeemResult.Status.REDEEMED, List.copyOf(ofCheckout.values()));
            });
        }

        @Override
        public ReleaseResult release(CheckoutId checkoutId, UserId customer, String reason, Instant at, Actor actor) {
            Checks.notNull(checkoutId, "checkoutId");
            Checks.text(reason, "reason", 512);
            Checks.notNull(at, "at");
            Checks.notNull(actor, "actor");
            return guarded(() -> {
                TreeMap<CouponId, UsageRecord> ofCheckout = usagesByCheckout.get(checkoutId);
                List<UsageRecord> usages = ofCheckout == null ? List.of() : List.copyOf(ofCheckout.values());
                ReleaseResult.Status status = ReleaseResult.decide(checkoutId, usages, customer);
                closedCheckouts.add(checkoutId);
                for (UsageRecord u : usages) {
                    if (u.status() == UsageStatus.LOCKED) {
                        release(u, reason, at, actor);
                    }
                }
                return new ReleaseResult(status, ofCheckout == null ? List.of() : List.copyOf(ofCheckout.values()));
            });
        }

        @Override
        public Optional<UsageRecord> releaseOne(CheckoutId checkoutId, CouponId couponId, String reason, Instant at, Actor actor) {
            Checks.notNull(checkoutId, "checkoutId");
            Checks.notNull(couponId, "couponId");
            Checks.text(reason, "reason", 512);
            Checks.notNull(at, "at");
            Checks.notNull(actor, "actor");
            return guarded(() -> {
                TreeMap<CouponId, UsageRecord> ofCheckout = usagesByCheckout.get(checkoutId);
                UsageRecord u = ofCheckout == null ? null : ofCheckout.get(couponId);
                if (u == null) {
                    return Optional.empty();
                }
                return Optional.of(u.status() == UsageStatus.LOCKED ? release(u, reason, at, actor) : u);
            });
        }

        @Override
        public List<UsageRecord> expireLocks(Instant now, int batchSize, Actor actor) {
            Checks.notNull(now, "now");
            Checks.positive(batchSize, "batchSize");
            Checks.notNull(actor, "actor");
            return guarded(() -> {
                List<UsageRecord> expired = new ArrayList<>();
                while (expired.size() < batchSize && !locksByExpiry.isEmpty() && locksByExpiry.first().isExpiredAt(now)) {
                    expired.add(release(locksByExpiry.first(), CouponReleased.EXPIRED, now, actor));
                }
                return expired;
            });
        }

        @Override
        public LimitChange changeLimits(CouponId couponId, UsageLimits limits, Instant at, Actor actor) {
            Checks.notNull(couponId, "couponId");
            Checks.notNull(limits, "limits");
            Checks.notNull(at, "at");
            Checks.notNull(actor, "actor");
            return guarded(() -> {
                if (!coupons.containsKey(couponId)) {
                    throw new NotFoundException("no coupon " + couponId);
                }
                Counter counter = counter(couponId);
                long maxByUser = counter.perUser.values().stream().mapToLong(Long::longValue).max().orElse(0);
                LimitChange change = LimitChange.decide(counter.total, maxByUser, limits);
                if (change.applied()) {
                    counter.held = limits;
                }
                return change;
            });
        }

        @Override
        public UsageCount count(CouponId couponId, UserId userId) {
            Checks.notNull(couponId, "couponId");
            Checks.notNull(userId, "userId");
            return guarded(() -> {
                Counter counter = counters.get(couponId);
                return counter == null ? UsageCount.NONE
                        : new UsageCount(counter.total, counter.perUser.getOrDefault(userId, 0L));
            });
        }

        @Override
        public List<UsageRecord> usagesOf(CheckoutId checkoutId) {
            Checks.notNull(checkoutId, "checkoutId");
            return guarded(() -> {
                TreeMap<CouponId, UsageRecord> ofCheckout = usagesByCheckout.get(checkoutId);
                return ofCheckout == null ? List.of() : List.copyOf(ofCheckout.values());
            });
        }

        /** Releases a LOCKED usage and restores its counts. Call with {@code lock} held. */
        private UsageRecord release(UsageRecord u, String reason, Instant at, Actor actor) {
            UsageRecord done = u.released(reason, at.isBefore(u.lockedAt()) ? u.lockedAt() : at);
            usagesByCheckout.get(u.checkoutId()).put(u.couponId(), done);
            locksByExpiry.remove(u);
            Counter counter = counter(u.couponId());
            counter.total--;
            counter.perUser.merge(u.userId(), -1L, Long::sum);
            record(new CouponReleased(done.couponId(), done.code(), done.closedAt(), actor, done.id(), done.userId(),
                    done.checkoutId(), reason));
            return done;
        }
    }

    private static Long boxed(OptionalLong limit) {
        return limit.isPresent() ? limit.getAsLong() : null;
    }

    private final class Audit implements AuditTrail {

        @Override
        public List<AuditEntry> byCoupon(CouponId couponId) {
            Checks.notNull(couponId, "couponId");
            return guarded(() -> {
                return List.copyOf(auditByCoupon.getOrDefault(couponId, List.of()));
            });
        }

        @Override
        public List<AuditEntry> byUsage(UsageId usageId) {
            Checks.notNull(usageId, "usageId");
            return guarded(() -> {
                return List.copyOf(auditByUsage.getOrDefault(usageId, List.of()));
            });
        }
    }

    private final class Outbox implements EventOutbox {

        @Override
        public List<EventEnvelope> pending(int max) {
            Checks.positive(max, "max");
            return guarded(() -> {
                List<EventEnvelope> result = new ArrayList<>(Math.min(max, pendingEvents.size()));
                for (EventEnvelope e : pendingEvents.values()) {
                    if (result.size() == max) {
                        break;
                    }
                    result.add(e);
                }
                return result;
            });
        }

        @Override
        public void markPublished(Collection<String> eventIds) {
            Checks.notNull(eventIds, "eventIds");
            guarded(() -> {
                for (String id : eventIds) {
                    pendingEvents.remove(id);
                }
                return null;
            });
        }

        /**
         * One relay at a time (others wait): it publishes a snapshot of the pending events in store
         * order, outside the storage lock so changes go on meanwhile, and marks each as published.
         */
        @Override
        public RelayResult relay(EventPublisher publisher, int maxEvents) {
            Checks.notNull(publisher, "publisher");
            Checks.positive(maxEvents, "maxEvents");
            relayLock.lock();
            try {
                List<EventEnvelope> batch = pending(maxEvents);
                List<String> done = new ArrayList<>(batch.size());
                try {
                    for (EventEnvelope e : batch) {
                        publisher.publish(e);
                        done.add(e.eventId());
                    }
                } catch (RuntimeException e) {
                    markPublished(done);
                    return RelayResult.failed(done.size(), e);
                }
                markPublished(done);
                return RelayResult.of(done.size());
            } finally {
                relayLock.unlock();
            }
        }
    }
}
