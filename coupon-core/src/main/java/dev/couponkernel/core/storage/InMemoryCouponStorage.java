package dev.couponkernel.core.storage;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.error.NotFoundException;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.event.CouponCodeVoided;
import dev.couponkernel.spi.event.CouponCodesAdded;
import dev.couponkernel.spi.store.AuditChain;
import dev.couponkernel.spi.store.CodeBatch;
import dev.couponkernel.spi.store.CodeRecord;
import dev.couponkernel.spi.store.CodeRules;
import dev.couponkernel.spi.store.CodeSource;
import dev.couponkernel.spi.store.CodeStore;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditTrail;
import dev.couponkernel.spi.store.CouponRepository;
import dev.couponkernel.spi.ledger.LedgerChanges;
import dev.couponkernel.spi.ledger.LedgerDecision;
import dev.couponkernel.spi.ledger.LedgerOp;
import dev.couponkernel.spi.ledger.LedgerRules;
import dev.couponkernel.spi.ledger.LedgerState;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.store.EventOutbox;
import dev.couponkernel.spi.store.RelayResult;
import dev.couponkernel.spi.event.EventPublisher;
import dev.couponkernel.spi.store.LimitChange;
import dev.couponkernel.spi.store.LockOutcome;
import dev.couponkernel.spi.store.LockRequest;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReinstateResult;
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
    /** Every code a customer can type (shared codes and unique codes), with its coupon: one namespace. */
    private final Map<CouponCode, CouponId> codes = new HashMap<>();
    /** Every coupon's own code, which names it (for a campaign, not typed at checkout). */
    private final Map<CouponCode, CouponId> names = new HashMap<>();
    private final Map<CouponCode, CodeEntry> uniqueCodes = new HashMap<>();
    private final Map<CouponId, List<CodeEntry>> codesByCoupon = new HashMap<>(); // each in the order added
    private final Map<String, CodeBatch> batches = new HashMap<>();

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
    private final CodeStore codeStore = new Codes();
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

    @Override
    public CodeStore codes() {
        return codeStore;
    }

    /** One unique code's row. Guarded by {@code lock}. */
    private static final class CodeEntry {
        final CouponCode code;
        final CouponId couponId;
        final String batchId;
        final Instant createdAt;
        long used;
        long redeemed;
        Instant lastLockedAt;
        Instant lastRedeemedAt;
        Instant voidedAt;

        CodeEntry(CouponCode code, CouponId couponId, String batchId, Instant createdAt) {
            this.code = code;
            this.couponId = couponId;
            this.batchId = batchId;
            this.createdAt = createdAt;
        }

        CodeRecord record() {
            return new CodeRecord(code, couponId, batchId, createdAt, used, redeemed, lastLockedAt, lastRedeemedAt, voidedAt);
        }
    }

    /** Per-coupon counts, the limits the ledger holds and its budget rows. Guarded by {@code lock}. */
    private static final class Counter {
        UsageLimits held;
        long total;
        final Map<UserId, Long> perUser = new HashMap<>();
        Map<java.util.Currency, LedgerState.Budget> budgets = new HashMap<>();
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
                    CouponCode code = record.definition().code();
                    boolean shared = record.definition().codes() == dev.couponkernel.spi.coupon.CodeMode.SHARED;
                    CouponId holder = names.get(code);
                    if (holder == null && shared) {
                        holder = codes.get(code);
                    }
                    if (holder != null) {
                        throw new ConflictException("code " + code + " is taken by coupon " + holder);
                    }
                    stored = withVersion(record, 1);
                    names.put(code, record.id());
                    if (shared) {
                        codes.put(code, record.id());
                    }
                    // the ledger holds the new coupon's limits from its creation on, in the same step
                    counter(record.id()).held = record.definition().limits();
                    counter(record.id()).budgets = new HashMap<>(LedgerRules.budgetRows(record.definition().limits(), Map.of()));
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
                    if (current.definition().codes() != record.definition().codes()) {
                        throw new ConflictException("the code mode of coupon " + record.id() + " cannot change");
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

        @Override
        public dev.couponkernel.spi.store.CouponPage search(dev.couponkernel.spi.store.CouponQuery query) {
            Checks.notNull(query, "query");
            return guarded(() -> {
                List<CouponRecord> matching = new ArrayList<>();
                for (CouponRecord c : coupons.values()) {
                    if (query.matches(c.id().value(), c.definition().code().value(), c.status())) {
                        matching.add(c);
                    }
                }
                matching.sort(Comparator.comparing((CouponRecord c) -> c.definition().code().value())
                        .thenComparing(c -> c.id().value()));
                int from = (int) Math.min(query.offset(), matching.size());
                int to = Math.min(from + query.size(), matching.size());
                return new dev.couponkernel.spi.store.CouponPage(matching.subList(from, to), matching.size(), query);
            });
        }
    }

    /**
     * The rows a batch of ledger commands needs, as the rules take them ({@link LedgerRules#needs}).
     * Call with {@code lock} held.
     */
    private LedgerState stateFor(List<LedgerOp> ops) {
        LedgerState.Builder state = LedgerState.builder();
        Map<CheckoutId, LedgerState.CheckoutRow> checkouts = new HashMap<>();
        for (LedgerOp op : ops) {
            TreeMap<CouponId, UsageRecord> of = usagesByCheckout.get(op.checkoutId());
            LedgerState.CheckoutRow row = new LedgerState.CheckoutRow(closedCheckouts.contains(op.checkoutId()),
                    of == null ? List.of() : List.copyOf(of.values()));
            checkouts.put(op.checkoutId(), row);
            state.checkout(op.checkoutId(), row.closed(), row.usages());
        }
        LedgerRules.Needs needs = LedgerRules.needs(ops, checkouts);
        Map<CouponId, Optional<LedgerState.CouponRow>> couponRows = new HashMap<>();
        for (CouponId id : needs.coupons()) {
            CouponRecord coupon = coupons.get(id);
            if (coupon == null) {
                state.couponNotStored(id);
                couponRows.put(id, Optional.empty());
                continue;
            }
            Counter counter = counter(id);
            UsageLimits held = counter.held == null ? UsageLimits.unlimited() : counter.held;
            boolean unique = coupon.definition().codes() == dev.couponkernel.spi.coupon.CodeMode.UNIQUE;
            LedgerState.CouponRow row = new LedgerState.CouponRow(coupon.status(), counter.total, boxed(held.maxTotalUses()),
                    boxed(held.maxUsesPerUser()), counter.budgets, unique, unique ? boxed(held.maxUsesPerCode()) : null);
            state.coupon(id, row);
            couponRows.put(id, Optional.of(row));
        }
        for (LedgerState.CustomerKey key : needs.customers()) {
            Counter counter = counters.get(key.couponId());
            state.customer(key, counter == null ? null : counter.perUser.get(key.userId()));
        }
        for (CouponCode code : LedgerRules.codeNeeds(ops, couponRows)) {
            CodeEntry e = uniqueCodes.get(code);
            state.code(code, e == null ? null : new LedgerState.CodeRow(e.couponId, e.voidedAt != null, e.used));
        }
        return state.build();
    }

    /** Decides commands by the ledger's rules and writes what they decided. Call with {@code lock} held. */
    private LedgerDecision decide(List<LedgerOp> ops) {
        LedgerDecision decision = LedgerRules.decide(stateFor(ops), ops, () -> UsageId.of("usage-" + (++usageSequence)));
        LedgerChanges changes = decision.changes();
        for (UsageRecord u : changes.newUsages()) {
            usagesByCheckout.computeIfAbsent(u.checkoutId(), k -> new TreeMap<>()).put(u.couponId(), u);
            if (u.status() == UsageStatus.LOCKED) {
                locksByExpiry.add(u);
            }
        }
        for (UsageRecord u : changes.changedUsages()) {
            usagesByCheckout.get(u.checkoutId()).put(u.couponId(), u);
            // ordered by expiry and id, which a usage keeps: the closed record finds the LOCKED one
            locksByExpiry.remove(u);
        }
        closedCheckouts.addAll(changes.closedCheckouts().keySet());
        changes.counters().forEach((id, used) -> counter(id).total = used);
        changes.spent().forEach((id, rows) -> rows.forEach((currency, spent) -> {
            Map<java.util.Currency, LedgerState.Budget> budgets = counter(id).budgets;
            budgets.put(currency, new LedgerState.Budget(budgets.get(currency).limit(), spent));
        }));
        changes.customerCounters().forEach((key, used) -> counter(key.couponId()).perUser.put(key.userId(), used));
        changes.codes().forEach((code, change) -> {
            CodeEntry e = uniqueCodes.get(code);
            if (e != null && e.couponId.equals(change.couponId())) {
                e.used += change.used();
                e.redeemed += change.redeemed();
                e.lastLockedAt = change.lastLockedAt() != null ? change.lastLockedAt() : e.lastLockedAt;
                e.lastRedeemedAt = change.lastRedeemedAt() != null ? change.lastRedeemedAt() : e.lastRedeemedAt;
            }
        });
        changes.events().forEach(InMemoryCouponStorage.this::record);
        return decision;
    }

    /** The discounts a coupon's counted usages reserve, by currency. Call with {@code lock} held. */
    private Map<java.util.Currency, dev.couponkernel.spi.value.Money> reserved(CouponId couponId) {
        Map<java.util.Currency, dev.couponkernel.spi.value.Money> sums = new HashMap<>();
        for (Map<CouponId, UsageRecord> of : usagesByCheckout.values()) {
            UsageRecord u = of.get(couponId);
            if (u != null && u.counts() && u.discount() != null) {
                sums.merge(u.discount().currency(), u.discount(), dev.couponkernel.spi.value.Money::plus);
            }
        }
        return sums;
    }

    private final class Ledger implements UsageLedger {

        @Override
        public LockOutcome lock(LockRequest request) {
            LedgerOp op = new LedgerOp.Lock(request);
            return guarded(() -> decide(List.of(op)).single(LockOutcome.class));
        }

        @Override
        public RedeemResult redeem(CheckoutId checkoutId, UserId customer, OrderId orderId, Instant at, Actor actor) {
            LedgerOp op = new LedgerOp.Redeem(checkoutId, customer, orderId, at, actor);
            return guarded(() -> decide(List.of(op)).single(RedeemResult.class));
        }

        @Override
        public ReleaseResult release(CheckoutId checkoutId, UserId customer, String reason, Instant at, Actor actor) {
            LedgerOp op = new LedgerOp.Release(checkoutId, customer, reason, at, actor);
            return guarded(() -> decide(List.of(op)).single(ReleaseResult.class));
        }

        @Override
        public ReinstateResult reinstate(CheckoutId checkoutId, OrderId orderId, java.util.Set<CouponId> reinstatable,
                String reason, Instant at, Actor actor) {
            LedgerOp op = new LedgerOp.Reinstate(checkoutId, orderId, reinstatable, reason, at, actor);
            return guarded(() -> decide(List.of(op)).single(ReinstateResult.class));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Optional<UsageRecord> releaseOne(CheckoutId checkoutId, CouponId couponId, String reason, Instant at, Actor actor) {
            LedgerOp op = new LedgerOp.ReleaseOne(checkoutId, couponId, reason, at, actor);
            return guarded(() -> (Optional<UsageRecord>) decide(List.of(op)).single(Optional.class));
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<UsageRecord> expireLocks(Instant now, int batchSize, Actor actor) {
            Checks.notNull(now, "now");
            Checks.positive(batchSize, "batchSize");
            Checks.notNull(actor, "actor");
            return guarded(() -> {
                List<LedgerOp> ops = new ArrayList<>();
                for (UsageRecord u : locksByExpiry) {
                    if (ops.size() == batchSize || !u.isExpiredAt(now)) {
                        break;
                    }
                    ops.add(new LedgerOp.Expire(u, now, actor));
                }
                List<UsageRecord> expired = new ArrayList<>();
                for (LedgerDecision.Outcome o : decide(ops).outcomes()) {
                    ((Optional<UsageRecord>) o.get(Optional.class)).ifPresent(expired::add);
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
                CouponRecord coupon = coupons.get(couponId);
                Counter counter = coupon == null ? null : counter(couponId);
                boolean unique = coupon != null && coupon.definition().codes() == dev.couponkernel.spi.coupon.CodeMode.UNIQUE;
                Optional<LedgerState.CouponRow> row = coupon == null ? Optional.empty()
                        : Optional.of(new LedgerState.CouponRow(coupon.status(), counter.total, null, null, Map.of(), unique, null));
                long maxByUser = counter == null ? 0 : counter.perUser.values().stream().mapToLong(Long::longValue).max().orElse(0);
                Map<java.util.Currency, dev.couponkernel.spi.value.Money> reserved = reserved(couponId);
                LimitChange change = LedgerRules.changeLimits(couponId, row, maxByUser, reserved, limits);
                if (change.applied()) {
                    counter.held = limits;
                    counter.budgets = new HashMap<>(LedgerRules.budgetRows(limits, reserved));
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

        @Override
        public dev.couponkernel.spi.store.UsageSummary summary(CouponId couponId) {
            Checks.notNull(couponId, "couponId");
            return guarded(() -> {
                long[] counts = new long[UsageStatus.values().length];
                List<dev.couponkernel.spi.value.Money> locked = new ArrayList<>();
                List<dev.couponkernel.spi.value.Money> redeemed = new ArrayList<>();
                for (Map<CouponId, UsageRecord> of : usagesByCheckout.values()) {
                    UsageRecord u = of.get(couponId);
                    if (u == null) {
                        continue;
                    }
                    counts[u.status().ordinal()]++;
                    if (u.discount() != null && u.status() == UsageStatus.LOCKED) {
                        locked.add(u.discount());
                    } else if (u.discount() != null && u.status() == UsageStatus.REDEEMED) {
                        redeemed.add(u.discount());
                    }
                }
                return new dev.couponkernel.spi.store.UsageSummary(counts[UsageStatus.LOCKED.ordinal()],
                        counts[UsageStatus.REDEEMED.ordinal()], counts[UsageStatus.RELEASED.ordinal()],
                        counts[UsageStatus.REINSTATED.ordinal()], locked, redeemed);
            });
        }
    }

    private static Long boxed(OptionalLong limit) {
        return limit.isPresent() ? limit.getAsLong() : null;
    }

    private final class Codes implements CodeStore {

        @Override
        public CodeBatch addCodes(CouponId couponId, String batchId, CodeSource source, Instant at, Actor actor) {
            Checks.notNull(couponId, "couponId");
            CodeBatch.checkId(batchId);
            Checks.notNull(source, "source");
            Checks.instant(at, "at");
            Checks.notNull(actor, "actor");
            return guarded(() -> {
                CouponRecord coupon = campaign(couponId);
                CodeBatch before = batches.get(batchId);
                if (before != null) {
                    return CodeRules.replay(before, couponId);
                }
                // staged, then stored at once: a source that fails stores nothing
                java.util.LinkedHashMap<CouponCode, CodeEntry> staged = new java.util.LinkedHashMap<>();
                for (Optional<CouponCode> next = source.next(); next.isPresent(); next = source.next()) {
                    CouponCode code = next.get();
                    if (codes.containsKey(code) || staged.containsKey(code)) {
                        source.taken(code);
                        continue;
                    }
                    CodeRules.checkCount(staged.size() + 1L);
                    staged.put(code, new CodeEntry(code, couponId, batchId, at));
                }
                List<CodeEntry> ofCoupon = codesByCoupon.computeIfAbsent(couponId, k -> new ArrayList<>());
                staged.forEach((code, e) -> {
                    codes.put(code, couponId);
                    uniqueCodes.put(code, e);
                    ofCoupon.add(e);
                });
                CodeBatch batch = new CodeBatch(batchId, couponId, staged.size(), at, false);
                batches.put(batchId, batch);
                record(new CouponCodesAdded(couponId, coupon.definition().code(), at, actor, batchId, staged.size()));
                return batch;
            });
        }

        private CouponRecord campaign(CouponId couponId) {
            CouponRecord coupon = coupons.get(couponId);
            if (coupon == null) {
                throw new NotFoundException("no coupon " + couponId);
            }
            CodeRules.requireCampaign(coupon);
            return coupon;
        }

        @Override
        public Optional<CodeBatch> batch(String batchId) {
            CodeBatch.checkId(batchId);
            return guarded(() -> Optional.ofNullable(batches.get(batchId)));
        }

        @Override
        public Optional<CodeRecord> find(CouponCode code) {
            Checks.notNull(code, "code");
            return guarded(() -> Optional.ofNullable(uniqueCodes.get(code)).map(CodeEntry::record));
        }

        @Override
        public java.util.Set<CouponCode> taken(Collection<CouponCode> asked) {
            CodeRules.checkAsked(asked);
            return guarded(() -> {
                java.util.Set<CouponCode> taken = new java.util.TreeSet<>();
                for (CouponCode c : asked) {
                    if (codes.containsKey(c)) {
                        taken.add(c);
                    }
                }
                return taken;
            });
        }

        @Override
        public CodeRecord voidCode(CouponCode code, String reason, Instant at, Actor actor) {
            Checks.notNull(code, "code");
            Checks.text(reason, "reason", 512);
            Checks.instant(at, "at");
            Checks.notNull(actor, "actor");
            return guarded(() -> {
                CodeEntry e = uniqueCodes.get(code);
                if (e == null) {
                    throw new NotFoundException("no campaign holds code " + code);
                }
                if (e.voidedAt == null) {
                    e.voidedAt = at;
                    record(new CouponCodeVoided(e.couponId, code, at, actor, reason));
                }
                return e.record();
            });
        }

        @Override
        public long export(CouponId couponId, java.util.function.Consumer<CodeRecord> sink) {
            Checks.notNull(couponId, "couponId");
            Checks.notNull(sink, "sink");
            // a snapshot, taken under the lock; the sink runs outside it
            List<CodeRecord> rows = guarded(() -> codesByCoupon.getOrDefault(couponId, List.of()).stream()
                    .map(CodeEntry::record).toList());
            rows.forEach(sink);
            return rows.size();
        }

        @Override
        public long count(CouponId couponId) {
            Checks.notNull(couponId, "couponId");
            return guarded(() -> (long) codesByCoupon.getOrDefault(couponId, List.of()).size());
        }
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

        @Override
        public long size(CouponId couponId) {
            Checks.notNull(couponId, "couponId");
            return guarded(() -> (long) auditByCoupon.getOrDefault(couponId, List.of()).size());
        }

        @Override
        public List<AuditEntry> page(CouponId couponId, long from, int max) {
            AuditTrail.checkPage(couponId, from, max);
            return guarded(() -> AuditTrail.pageOf(auditByCoupon.getOrDefault(couponId, List.of()), from, max));
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
