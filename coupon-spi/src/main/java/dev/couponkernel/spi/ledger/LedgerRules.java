package dev.couponkernel.spi.ledger;

import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.error.CheckoutOwnershipException;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.error.NotFoundException;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.CouponRedeemed;
import dev.couponkernel.spi.event.CouponReinstated;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.ledger.LedgerState.CheckoutRow;
import dev.couponkernel.spi.ledger.LedgerState.CouponRow;
import dev.couponkernel.spi.ledger.LedgerState.CustomerKey;
import dev.couponkernel.spi.store.CheckoutCheck;
import dev.couponkernel.spi.store.LimitChange;
import dev.couponkernel.spi.store.LockOutcome;
import dev.couponkernel.spi.store.LockRequest;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReinstateResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UsageLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The usage ledger's rules, written once: every store (in memory, JDBC, JPA, a host's own) reads the
 * rows a command needs under its locks, asks {@link #decide} what the commands do, and writes the
 * {@link LedgerChanges} it answers. Combining concurrent commands is the same call with several
 * commands: they are decided in arrival order, each over the state the ones before it left, so each
 * gets the outcome it would have had alone, run in that order.
 *
 * <p>The rules, in the order they are applied, are those of {@link
 * dev.couponkernel.spi.store.UsageLedger}: a lock first asks {@link CheckoutCheck} (another customer's
 * checkout, a replay, an expired lock, a closed checkout), then the coupon (not stored, not ACTIVE),
 * then the total limit in force, then the customer's, then, for a coupon of unique codes, the code (one
 * of the coupon's, not voided, under the per-code limit), then the budget; a redeem asks {@link RedeemResult#decide}, a
 * release {@link ReleaseResult#decide}, a reinstate {@link ReinstateResult#decide}; releasing or
 * reinstating a usage gives its uses back; changing limits asks
 * {@link LimitChange#decide}. Pure: no I/O, no clock, no randomness but the usage ids it is given.
 * Stateless and thread-safe.
 */
public final class LedgerRules {

    private LedgerRules() {}

    /**
     * The rows commands need a store to have read (and locked) before it asks {@link #decide}: the
     * coupons whose status and counter a command reads or changes, and the customers' counters, each
     * sorted in the order a store locks them (after the checkouts and their usages). A store reads the
     * checkouts first, since what a release needs depends on its usages.
     *
     * @param ops the commands
     * @param checkouts the checkouts' rows as read; a checkout missing here is taken to have no usage
     * @return the coupons and customers to read
     */
    public static Needs needs(List<? extends LedgerOp> ops, Map<CheckoutId, CheckoutRow> checkouts) {
        Checks.notNull(ops, "ops");
        Checks.notNull(checkouts, "checkouts");
        TreeSet<CouponId> coupons = new TreeSet<>();
        TreeSet<CustomerKey> customers = new TreeSet<>();
        for (LedgerOp op : ops) {
            CheckoutRow row = checkouts.get(op.checkoutId());
            List<UsageRecord> usages = row == null ? List.of() : row.usages();
            op.on(new LedgerOp.Cases<Void>() {
                @Override
                public Void lock(LedgerOp.Lock l) {
                    coupons.add(l.request().couponId());
                    customers.add(new CustomerKey(l.request().couponId(), l.request().userId()));
                    return null;
                }

                @Override
                public Void redeem(LedgerOp.Redeem r) {
                    return null; // a redeem counts nothing
                }

                @Override
                public Void release(LedgerOp.Release r) {
                    for (UsageRecord u : usages) {
                        coupons.add(u.couponId());
                        customers.add(new CustomerKey(u.couponId(), u.userId()));
                    }
                    return null;
                }

                @Override
                public Void releaseOne(LedgerOp.ReleaseOne r) {
                    coupons.add(r.couponId());
                    for (UsageRecord u : usages) {
                        if (u.couponId().equals(r.couponId())) {
                            customers.add(new CustomerKey(u.couponId(), u.userId()));
                        }
                    }
                    return null;
                }

                @Override
                public Void expire(LedgerOp.Expire e) {
                    coupons.add(e.usage().couponId());
                    customers.add(new CustomerKey(e.usage().couponId(), e.usage().userId()));
                    return null;
                }

                @Override
                public Void reinstate(LedgerOp.Reinstate r) {
                    // what the command may give back: the counted usages of its coupons (a LOCKED one may be
                    // redeemed by an earlier command of the batch; a usage locked within the batch has its
                    // rows named by its lock)
                    for (UsageRecord u : usages) {
                        if (u.counts() && r.reinstatable().contains(u.couponId())) {
                            coupons.add(u.couponId());
                            customers.add(new CustomerKey(u.couponId(), u.userId()));
                        }
                    }
                    return null;
                }
            });
        }
        return new Needs(java.util.Collections.unmodifiableSortedSet(coupons), java.util.Collections.unmodifiableSortedSet(customers));
    }

    /**
     * The unique codes commands need a store to have read, after it read (and locked) their coupons:
     * the code of each lock of a coupon of unique codes ({@link CouponRow#uniqueCodes}), sorted. A
     * store reads each code's row while it holds the coupon's counter lock; a code missing from the
     * store is read as missing ({@link LedgerState.Builder#code} with null). A coupon of one shared
     * code needs no code row.
     *
     * @param ops the commands
     * @param coupons the coupons as read
     * @return the codes to read, in order
     */
    public static SortedSet<CouponCode> codeNeeds(List<? extends LedgerOp> ops, Map<CouponId, Optional<CouponRow>> coupons) {
        Checks.notNull(ops, "ops");
        Checks.notNull(coupons, "coupons");
        TreeSet<CouponCode> codes = new TreeSet<>();
        for (LedgerOp op : ops) {
            Optional<CouponCode> code = op.on(new LedgerOp.Cases<Optional<CouponCode>>() {
                @Override
                public Optional<CouponCode> lock(LedgerOp.Lock l) {
                    Optional<CouponRow> row = coupons.get(l.request().couponId());
                    return row != null && row.isPresent() && row.get().uniqueCodes()
                            ? Optional.of(l.request().code()) : Optional.empty();
                }

                @Override
                public Optional<CouponCode> redeem(LedgerOp.Redeem r) {
                    return Optional.empty(); // changes a code's redeemed count by a delta, read from nothing
                }

                @Override
                public Optional<CouponCode> release(LedgerOp.Release r) {
                    return Optional.empty(); // gives a code's use back by a delta
                }

                @Override
                public Optional<CouponCode> releaseOne(LedgerOp.ReleaseOne r) {
                    return Optional.empty();
                }

                @Override
                public Optional<CouponCode> expire(LedgerOp.Expire e) {
                    return Optional.empty();
                }

                @Override
                public Optional<CouponCode> reinstate(LedgerOp.Reinstate r) {
                    return Optional.empty();
                }
            });
            code.ifPresent(codes::add);
        }
        return java.util.Collections.unmodifiableSortedSet(codes);
    }

    /**
     * The coupons and customer counters commands need, in lock order.
     *
     * @param coupons the coupons, by id
     * @param customers the customer counters, by coupon then customer
     */
    public record Needs(SortedSet<CouponId> coupons, SortedSet<CustomerKey> customers) {}

    /**
     * Decides commands in arrival order over the state a store read.
     *
     * @param state the rows read under the store's locks; it must hold every row {@link #needs} names
     * @param ops the commands, in arrival order (a checkout may appear more than once)
     * @param usageIds where the ids of new usages come from (called once per new usage)
     * @return each command's outcome and the changes to write
     * @throws IllegalStateException if the state lacks a row a command needs (a store's bug)
     * @throws StorageException if the counters contradict the usages; nothing is to be written
     */
    public static LedgerDecision decide(LedgerState state, List<? extends LedgerOp> ops, Supplier<UsageId> usageIds) {
        Checks.notNull(state, "state");
        Checks.notNull(ops, "ops");
        Checks.notNull(usageIds, "usageIds");
        Work w = new Work(state, usageIds);
        List<LedgerDecision.Outcome> outcomes = new ArrayList<>(ops.size());
        for (LedgerOp op : ops) {
            outcomes.add(w.run(op));
        }
        return new LedgerDecision(outcomes, w.changes());
    }

    /**
     * Decides one command: {@link #decide} with one.
     *
     * @param state the rows read under the store's locks
     * @param op the command
     * @param usageIds where the id of a new usage comes from
     * @return the command's outcome and the changes to write
     */
    public static LedgerDecision decide(LedgerState state, LedgerOp op, Supplier<UsageId> usageIds) {
        return decide(state, List.of(op), usageIds);
    }

    /**
     * The rule of {@link dev.couponkernel.spi.store.UsageLedger#changeLimits}: over the coupon read
     * under its counter's lock and the highest count of one customer, whether the new limits are
     * stored. A store writes them exactly when the answer is applied.
     *
     * @param couponId the coupon
     * @param coupon the coupon as read, empty when the store does not hold it
     * @param maxUsedByOneUser the highest count of one customer of the coupon
     * @param reserved in each currency of the new budget, the discounts the coupon's locked and redeemed
     *     usages said, read under the same lock (a currency missing is taken as nothing reserved)
     * @param limits the new limits
     * @return applied, or refused with the counts judged on
     * @throws NotFoundException if the store does not hold the coupon
     */
    public static LimitChange changeLimits(CouponId couponId, Optional<CouponRow> coupon, long maxUsedByOneUser,
            Map<java.util.Currency, dev.couponkernel.spi.value.Money> reserved, UsageLimits limits) {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(coupon, "coupon");
        Checks.notNull(reserved, "reserved");
        Checks.notNull(limits, "limits");
        if (coupon.isEmpty()) {
            throw new NotFoundException("no coupon " + couponId);
        }
        if (!coupon.get().uniqueCodes() && limits.maxUsesPerCode().isPresent()) {
            throw new dev.couponkernel.spi.error.InvalidInputException("limits.maxUsesPerCode", "coupon " + couponId
                    + " has one shared code, which has no per-code limit; its total limit counts the code's uses");
        }
        return LimitChange.decide(coupon.get().used(), maxUsedByOneUser, reserved, limits);
    }

    /**
     * The budget rows a store holds for limits it stores (a new coupon's, or applied new limits): one
     * per currency of the budget, with what the coupon's usages reserve in it. A store replaces a
     * coupon's budget rows with exactly these (rows of other currencies are deleted).
     *
     * @param limits the limits stored
     * @param reserved in each currency of the budget, the discounts the coupon's locked and redeemed
     *     usages said (empty for a new coupon)
     * @return the rows, by currency
     */
    public static Map<java.util.Currency, LedgerState.Budget> budgetRows(UsageLimits limits,
            Map<java.util.Currency, dev.couponkernel.spi.value.Money> reserved) {
        Checks.notNull(limits, "limits");
        Checks.notNull(reserved, "reserved");
        Map<java.util.Currency, LedgerState.Budget> rows = new java.util.TreeMap<>(
                java.util.Comparator.comparing(java.util.Currency::getCurrencyCode));
        for (dev.couponkernel.spi.value.Money limit : limits.budget().values()) {
            dev.couponkernel.spi.value.Money spent = reserved.getOrDefault(limit.currency(),
                    dev.couponkernel.spi.value.Money.zero(limit.currency()));
            rows.put(limit.currency(), new LedgerState.Budget(limit, spent));
        }
        return java.util.Collections.unmodifiableMap(rows);
    }

    /**
     * The instant a release closes a usage: the release's, but never before the lock (a clock that
     * went back between the two).
     *
     * @param u the usage
     * @param at the release's instant
     * @return the closing instant
     */
    public static Instant closingInstant(UsageRecord u, Instant at) {
        return at.isBefore(u.lockedAt()) ? u.lockedAt() : at;
    }

    /** The state as the commands decided so far leave it, and what they changed. Not thread-safe. */
    private static final class Work {
        private final Supplier<UsageId> usageIds;
        private final Map<CheckoutId, Boolean> closed = new HashMap<>();
        private final Map<CheckoutId, TreeMap<CouponId, UsageRecord>> usages = new HashMap<>();
        private final Set<CheckoutId> partial = new HashSet<>();
        private final Map<CouponId, Optional<CouponRow>> coupons;
        private final Map<CustomerKey, Long> customers = new HashMap<>();
        private final Set<CustomerKey> withoutRow = new HashSet<>();
        private final Map<CouponCode, Optional<LedgerState.CodeRow>> codeRows;
        private final Map<CouponCode, LedgerChanges.CodeChange> codeChanges = new HashMap<>();

        private final LinkedHashMap<UsageId, UsageRecord> inserted = new LinkedHashMap<>();
        private final LinkedHashMap<UsageId, UsageRecord> changed = new LinkedHashMap<>();
        private final Map<UsageId, UsageStatus> storedStatus = new HashMap<>();
        private final List<UsageRecord> locked = new ArrayList<>();
        private final List<UsageRecord> closedUsages = new ArrayList<>();
        private final LinkedHashMap<CheckoutId, Instant> closedCheckouts = new LinkedHashMap<>();
        private final Map<CouponId, Long> counters = new HashMap<>();
        private final Map<CouponId, Map<java.util.Currency, dev.couponkernel.spi.value.Money>> spent = new HashMap<>();
        private final Map<CustomerKey, Long> customerCounters = new HashMap<>();
        private final List<CouponEvent> events = new ArrayList<>();

        Work(LedgerState state, Supplier<UsageId> usageIds) {
            this.usageIds = usageIds;
            state.checkouts().forEach((id, row) -> {
                closed.put(id, row.closed());
                TreeMap<CouponId, UsageRecord> byCoupon = new TreeMap<>();
                for (UsageRecord u : row.usages()) {
                    if (!u.checkoutId().equals(id) || byCoupon.put(u.couponId(), u) != null) {
                        throw new IllegalStateException("checkout " + id + " was read with a usage of another checkout"
                                + " or two usages of one coupon");
                    }
                }
                usages.put(id, byCoupon);
            });
            this.coupons = new HashMap<>(state.coupons());
            this.codeRows = new HashMap<>(state.codes());
            state.customers().forEach((key, used) -> {
                customers.put(key, used.orElse(0L));
                if (used.isEmpty()) {
                    withoutRow.add(key);
                }
            });
        }

        private final LedgerOp.Cases<Object> cases = new LedgerOp.Cases<>() {
            @Override
            public Object lock(LedgerOp.Lock op) {
                return Work.this.lock(op.request());
            }

            @Override
            public Object redeem(LedgerOp.Redeem op) {
                return Work.this.redeem(op);
            }

            @Override
            public Object release(LedgerOp.Release op) {
                return Work.this.release(op);
            }

            @Override
            public Object releaseOne(LedgerOp.ReleaseOne op) {
                return Work.this.releaseOne(op);
            }

            @Override
            public Object expire(LedgerOp.Expire op) {
                return Work.this.expire(op);
            }

            @Override
            public Object reinstate(LedgerOp.Reinstate op) {
                return Work.this.reinstate(op);
            }
        };

        LedgerDecision.Outcome run(LedgerOp op) {
            try {
                Object value = op.on(cases);
                return new LedgerDecision.Outcome(value, null);
            } catch (CheckoutOwnershipException | ConflictException refused) {
                // raised before this command changed anything: it answers with the error, the others go on
                return new LedgerDecision.Outcome(null, refused);
            }
        }

        private TreeMap<CouponId, UsageRecord> usagesOf(CheckoutId id) {
            TreeMap<CouponId, UsageRecord> of = usages.get(id);
            if (of == null || partial.contains(id)) {
                throw new IllegalStateException("the store did not read checkout " + id);
            }
            return of;
        }

        private LockOutcome lock(LockRequest r) {
            TreeMap<CouponId, UsageRecord> of = usagesOf(r.checkoutId());
            CheckoutCheck check = CheckoutCheck.of(List.copyOf(of.values()), closed.get(r.checkoutId()), r);
            if (check.expired() != null) {
                releaseUsage(check.expired(), CouponReleased.EXPIRED, r.at(), r.actor());
            }
            if (!check.proceeds()) {
                return check.outcome();
            }
            Optional<CouponRow> read = coupon(r.couponId());
            if (read.isEmpty()) {
                return LockOutcome.refused(RejectionReason.UNKNOWN_CODE, "coupon " + r.couponId() + " is not stored");
            }
            CouponRow coupon = read.get();
            LockOutcome inactive = LockOutcome.unlessActive(coupon.status(), r.couponId());
            if (inactive != null) {
                return inactive;
            }
            long maxTotal = LockOutcome.totalInForce(r.limits(), coupon.maxTotalUses());
            if (coupon.used() >= maxTotal) {
                return LockOutcome.totalLimitReached(coupon.used(), maxTotal);
            }
            CustomerKey key = new CustomerKey(r.couponId(), r.userId());
            long mine = customer(key);
            long maxPerUser = LockOutcome.perUserInForce(r.limits(), coupon.maxUsesPerUser());
            if (mine >= maxPerUser) {
                return LockOutcome.userLimitReached(r.userId(), mine, maxPerUser);
            }
            LockOutcome codeRefusal = codeRefusal(r, coupon);
            if (codeRefusal != null) {
                return codeRefusal;
            }
            LockOutcome overBudget = budgetRefusal(r, coupon);
            if (overBudget != null) {
                return overBudget;
            }
            UsageRecord usage = UsageRecord.locked(usageIds.get(), r);
            if (coupon.uniqueCodes()) {
                changeCode(usage, +1, 0, r.at(), null);
            }
            count(r.couponId(), coupon, +1);
            spend(r.couponId(), usage.discount(), true);
            setCustomer(key, mine + 1);
            of.put(usage.couponId(), usage);
            inserted.put(usage.id(), usage);
            locked.add(usage);
            events.add(new CouponApplied(usage.couponId(), usage.code(), r.at(), r.actor(), usage.id(), usage.userId(),
                    usage.checkoutId(), usage.expiresAt()));
            return LockOutcome.locked(usage);
        }

        private RedeemResult redeem(LedgerOp.Redeem r) {
            TreeMap<CouponId, UsageRecord> of = usagesOf(r.checkoutId());
            List<UsageRecord> before = List.copyOf(of.values());
            RedeemResult.Status status = RedeemResult.decide(r.checkoutId(), before, r.customer(), r.orderId(), r.at());
            switch (status) {
                case NOT_FOUND -> close(r.checkoutId(), r.at());
                case REDEEMED -> {
                    for (UsageRecord u : before) {
                        if (u.status() == UsageStatus.LOCKED) {
                            UsageRecord done = u.redeemed(r.orderId(), r.at());
                            put(done);
                            // a redeem does not read its coupon: every redeemed code is named, and a store
                            // changes the row of a unique code (a shared code has none)
                            changeCode(done, 0, +1, null, done.closedAt());
                            closedUsages.add(done);
                            events.add(new CouponRedeemed(done.couponId(), done.code(), r.at(), r.actor(), done.id(),
                                    done.userId(), r.checkoutId(), r.orderId()));
                        }
                    }
                    close(r.checkoutId(), r.at());
                }
                case ALREADY_REDEEMED, RELEASED, LOCK_EXPIRED -> { }
            }
            return new RedeemResult(status, List.copyOf(of.values()));
        }

        private ReleaseResult release(LedgerOp.Release r) {
            TreeMap<CouponId, UsageRecord> of = usagesOf(r.checkoutId());
            List<UsageRecord> before = List.copyOf(of.values());
            ReleaseResult.Status status = ReleaseResult.decide(r.checkoutId(), before, r.customer());
            close(r.checkoutId(), r.at());
            for (UsageRecord u : before) {
                if (u.status() == UsageStatus.LOCKED) {
                    releaseUsage(u, r.reason(), r.at(), r.actor());
                }
            }
            return new ReleaseResult(status, List.copyOf(of.values()));
        }

        private Optional<UsageRecord> releaseOne(LedgerOp.ReleaseOne r) {
            UsageRecord u = usagesOf(r.checkoutId()).get(r.couponId());
            if (u == null) {
                return Optional.empty();
            }
            return Optional.of(u.status() == UsageStatus.LOCKED ? releaseUsage(u, r.reason(), r.at(), r.actor()) : u);
        }

        private Optional<UsageRecord> expire(LedgerOp.Expire e) {
            CheckoutId checkout = e.usage().checkoutId();
            TreeMap<CouponId, UsageRecord> of = usages.get(checkout);
            if (of == null) {
                // the sweep reads stale usages, not their checkouts: only the usages it read are known
                of = new TreeMap<>();
                usages.put(checkout, of);
                partial.add(checkout);
            }
            if (partial.contains(checkout)) {
                of.putIfAbsent(e.usage().couponId(), e.usage());
            }
            UsageRecord u = of.get(e.usage().couponId());
            if (u == null || !u.id().equals(e.usage().id()) || !u.isExpiredAt(e.now())) {
                return Optional.empty();
            }
            return Optional.of(releaseUsage(u, CouponReleased.EXPIRED, e.now(), e.actor()));
        }

        private ReinstateResult reinstate(LedgerOp.Reinstate r) {
            TreeMap<CouponId, UsageRecord> of = usagesOf(r.checkoutId());
            List<UsageRecord> before = List.copyOf(of.values());
            ReinstateResult.Status status = ReinstateResult.decide(r.checkoutId(), before, r.orderId(), r.reinstatable());
            if (status == ReinstateResult.Status.REINSTATED) {
                for (UsageRecord u : ReinstateResult.toReinstate(before, r.reinstatable())) {
                    UsageRecord done = u.reinstated(r.at());
                    giveBack(u);
                    if (coupon(u.couponId()).orElseThrow().uniqueCodes()) {
                        changeCode(u, 0, -1, null, null);
                    }
                    put(done);
                    closedUsages.add(done);
                    events.add(new CouponReinstated(done.couponId(), done.code(), done.reinstatedAt(), r.actor(), done.id(),
                            done.userId(), done.checkoutId(), done.orderId(), r.reason()));
                }
            }
            return new ReinstateResult(status, List.copyOf(of.values()));
        }

        /**
         * Gives back the use a counted usage held: the coupon's count and the customer's, one each, and
         * the discount it reserved of the coupon's budget.
         */
        private void giveBack(UsageRecord u) {
            Optional<CouponRow> read = coupon(u.couponId());
            CustomerKey key = new CustomerKey(u.couponId(), u.userId());
            long mine = customer(key);
            if (read.isEmpty() || read.get().used() < 1 || mine < 1) {
                throw new StorageException("the counters of coupon " + u.couponId() + " disagree with its usages");
            }
            count(u.couponId(), read.get(), -1);
            setCustomer(key, mine - 1);
            if (read.get().uniqueCodes()) {
                changeCode(u, -1, 0, null, null);
            }
            spend(u.couponId(), u.discount(), false);
        }

        /**
         * The budget rule of a lock, null when the budget lets it through: a coupon with a budget row
         * takes a lock only when it says its discount, in a currency it has a budget in, and the
         * discounts reserved plus this one stay within the budget in force (the stricter of the one
         * the ledger holds and the one the caller read).
         */
        private LockOutcome budgetRefusal(LockRequest r, CouponRow coupon) {
            dev.couponkernel.spi.value.CurrencyAmounts passed = r.limits().budget();
            if (coupon.budgets().isEmpty() && passed.isEmpty()) {
                return null;
            }
            if (r.discount() == null) {
                return LockOutcome.noBudgetFor(r.couponId(), "the lock did not say its discount");
            }
            java.util.Currency currency = r.discount().currency();
            LedgerState.Budget held = coupon.budgets().get(currency);
            if (held == null) {
                return LockOutcome.noBudgetFor(r.couponId(), "none in " + currency.getCurrencyCode() + " (the ledger holds "
                        + (coupon.budgets().isEmpty() ? "none" : String.join(", ", codes(coupon.budgets().keySet()))) + ")");
            }
            dev.couponkernel.spi.value.Money limit = passed.in(currency).map(held.limit()::min).orElse(held.limit());
            if (held.spent().plus(r.discount()).compareTo(limit) > 0) {
                return LockOutcome.budgetExhausted(r.couponId(), r.discount(), held.spent(), limit);
            }
            return null;
        }

        /**
         * The code rule of a lock, null when the code lets it through: a coupon of unique codes takes a
         * lock only for one of its own codes, not voided, used fewer times than the per-code limit in
         * force (the stricter of the one the ledger holds and the one the caller read).
         */
        private LockOutcome codeRefusal(LockRequest r, CouponRow coupon) {
            if (!coupon.uniqueCodes()) {
                return null;
            }
            Optional<LedgerState.CodeRow> read = codeRows.get(r.code());
            if (read == null) {
                throw new IllegalStateException("the store did not read code " + r.code() + " of coupon " + r.couponId());
            }
            if (read.isEmpty() || !read.get().couponId().equals(r.couponId())) {
                return LockOutcome.refused(RejectionReason.UNKNOWN_CODE, "code " + r.code() + " is not one of coupon "
                        + r.couponId() + "'s codes");
            }
            LedgerState.CodeRow code = read.get();
            if (code.voided()) {
                return LockOutcome.refused(RejectionReason.CODE_VOIDED, "code " + r.code() + " was voided");
            }
            long max = Math.min(r.limits().maxUsesPerCode().orElse(Long.MAX_VALUE),
                    coupon.maxUsesPerCode() == null ? Long.MAX_VALUE : coupon.maxUsesPerCode());
            if (code.used() >= max) {
                return LockOutcome.refused(RejectionReason.CODE_USED_UP, "code " + r.code() + " is used " + code.used() + " of "
                        + max + " times");
            }
            return null;
        }

        /** Records a change of a usage's code's row, and of the row as this decision sees it. */
        private void changeCode(UsageRecord u, long used, long redeemed, Instant lockedAt, Instant redeemedAt) {
            codeChanges.merge(u.code(), new LedgerChanges.CodeChange(u.couponId(), used, redeemed, lockedAt, redeemedAt),
                    (a, b) -> a.plus(b.used(), b.redeemed(), b.lastLockedAt(), b.lastRedeemedAt()));
            Optional<LedgerState.CodeRow> row = codeRows.get(u.code());
            if (used != 0 && row != null && row.isPresent()) {
                LedgerState.CodeRow r = row.get();
                codeRows.put(u.code(), Optional.of(new LedgerState.CodeRow(r.couponId(), r.voided(), r.used() + used)));
            }
        }

        /** Reserves (or gives back) a usage's discount of its coupon's budget row in its currency, if it has one. */
        private void spend(CouponId id, dev.couponkernel.spi.value.Money discount, boolean reserve) {
            if (discount == null) {
                return;
            }
            CouponRow row = coupon(id).orElseThrow();
            LedgerState.Budget b = row.budgets().get(discount.currency());
            if (b == null) {
                return;
            }
            if (!reserve && b.spent().compareTo(discount) < 0) {
                throw new StorageException("the budget of coupon " + id + " reserves " + b.spent() + ", less than the "
                        + discount + " a usage gives back");
            }
            dev.couponkernel.spi.value.Money now = reserve ? b.spent().plus(discount) : b.spent().minus(discount);
            Map<java.util.Currency, LedgerState.Budget> budgets = new HashMap<>(row.budgets());
            budgets.put(discount.currency(), new LedgerState.Budget(b.limit(), now));
            coupons.put(id, Optional.of(row.with(row.used(), budgets)));
            spent.computeIfAbsent(id, k -> new HashMap<>()).put(discount.currency(), now);
        }

        private static List<String> codes(Set<java.util.Currency> currencies) {
            return currencies.stream().map(java.util.Currency::getCurrencyCode).sorted().toList();
        }

        /** Releases a LOCKED usage and gives its uses back. */
        private UsageRecord releaseUsage(UsageRecord u, String reason, Instant at, Actor actor) {
            UsageRecord done = u.released(reason, closingInstant(u, at));
            giveBack(u);
            put(done);
            closedUsages.add(done);
            events.add(new CouponReleased(done.couponId(), done.code(), done.closedAt(), actor, done.id(), done.userId(),
                    done.checkoutId(), reason));
            return done;
        }

        private void put(UsageRecord now) {
            UsageRecord before = usages.get(now.checkoutId()).put(now.couponId(), now);
            if (inserted.containsKey(now.id())) {
                inserted.put(now.id(), now);
            } else if (changed.put(now.id(), now) == null) {
                // the first change of a stored usage: its status in the store, the guard of its update
                storedStatus.put(now.id(), before.status());
            }
        }

        private void close(CheckoutId id, Instant at) {
            if (!closed.get(id)) {
                closed.put(id, true);
                closedCheckouts.put(id, at);
            }
        }

        private Optional<CouponRow> coupon(CouponId id) {
            Optional<CouponRow> row = coupons.get(id);
            if (row == null) {
                throw new IllegalStateException("the store did not read coupon " + id);
            }
            return row;
        }

        private void count(CouponId id, CouponRow row, int delta) {
            CouponRow now = row.with(row.used() + delta, row.budgets());
            coupons.put(id, Optional.of(now));
            counters.put(id, now.used());
        }

        private long customer(CustomerKey key) {
            Long used = customers.get(key);
            if (used == null) {
                throw new IllegalStateException("the store did not read the counter of customer " + key.userId()
                        + " of coupon " + key.couponId());
            }
            return used;
        }

        private void setCustomer(CustomerKey key, long used) {
            customers.put(key, used);
            customerCounters.put(key, used);
        }

        LedgerChanges changes() {
            Set<CustomerKey> created = new TreeSet<>();
            for (CustomerKey key : customerCounters.keySet()) {
                if (withoutRow.contains(key)) {
                    created.add(key);
                }
            }
            return new LedgerChanges(List.copyOf(inserted.values()), List.copyOf(changed.values()), storedStatus, locked, closedUsages,
                    closedCheckouts, counters, spent, customerCounters, created, events, codeChanges);
        }
    }
}
