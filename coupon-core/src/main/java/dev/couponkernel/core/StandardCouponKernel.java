package dev.couponkernel.core;

import dev.couponkernel.core.coupon.Coupon;
import dev.couponkernel.core.coupon.CouponChange;
import dev.couponkernel.core.eligibility.UsageCounts;
import dev.couponkernel.core.pricing.AppliedCoupon;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.PricingEngine;
import dev.couponkernel.core.pricing.PricingRequest;
import dev.couponkernel.core.pricing.RejectedCoupon;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.error.CheckoutOwnershipException;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.event.AlertLevel;
import dev.couponkernel.spi.event.SecurityAlertRaised;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.value.FraudScore;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.fraud.AttemptKind;
import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.fraud.FraudDecision;
import dev.couponkernel.spi.error.NotFoundException;
import dev.couponkernel.spi.event.CouponLimitsChanged;
import dev.couponkernel.spi.event.EventPublisher;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.port.CartSource;
import dev.couponkernel.spi.port.CustomerDirectory;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditVerification;
import dev.couponkernel.spi.store.RelayResult;
import dev.couponkernel.spi.store.CouponStorage;
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
import dev.couponkernel.spi.value.CartId;
import dev.couponkernel.spi.value.Channel;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The kernel's use cases over the storage SPI and the host's ports. Immutable and thread-safe. */
final class StandardCouponKernel implements CouponKernel {

    private static final Logger LOG = LoggerFactory.getLogger(CouponKernel.class);
    private static final int EVENT_BATCH = 100;
    private static final int SWEEP_BATCH = 100;
    static final String NO_LONGER_APPLIED = "no longer applied to the checkout";
    static final String SUSPECTED_FRAUD = "refused by the fraud guard; the evidence is in the coupon's audit trail";

    private final CouponStorage storage;
    private final UsageLedger ledger;
    private final CartSource carts;
    private final CustomerDirectory customers;
    private final EventPublisher events;
    private final Clock clock;
    private final Duration lockTtl;
    private final Supplier<String> couponIds;
    private final PricingEngine engine;
    private final int maxCoupons;
    private final dev.couponkernel.core.pricing.StackingSelection selection;
    private final int maxCodes;
    private final int relayAfterCommand;
    private final FraudGate fraud;
    private final ReentrantLock relay = new ReentrantLock();
    private final AtomicBoolean relayRequested = new AtomicBoolean();
    private final dev.couponkernel.core.campaign.Campaigns campaigns;

    StandardCouponKernel(CouponKernel.Builder b) {
        this.storage = b.storage;
        this.ledger = b.storage.ledger();
        this.carts = b.carts;
        this.customers = b.customers;
        this.events = b.events;
        this.clock = b.clock;
        this.campaigns = new dev.couponkernel.core.campaign.Campaigns(b.storage, b.clock, () -> relayAfterCommand(0));
        this.lockTtl = b.lockTtl;
        this.couponIds = b.couponIds;
        this.engine = b.engine.build();
        this.maxCoupons = b.maxCouponsPerCheckout;
        this.selection = b.stackingSelection;
        this.maxCodes = b.maxCodesPerRequest > 0 ? b.maxCodesPerRequest : b.maxCouponsPerCheckout;
        this.relayAfterCommand = b.relayAfterCommand;
        this.fraud = b.fraudGuard == null ? null
                : new FraudGate(b.fraudGuard, b.storage, (id, reason) -> suspend(id, Actor.FRAUD_GUARD, reason));
    }

    // ---- coupons ----

    @Override
    public CouponRecord create(CouponDefinition definition, Actor actor) {
        Checks.notNull(definition, "definition");
        Checks.notNull(actor, "actor");
        // every host kind and condition the coupon uses is registered and accepts its settings
        engine.check(definition);
        CouponChange change = Coupon.create(CouponId.of(couponIds.get()), definition, clock.instant(), actor);
        // one transaction: the repository writes the coupon, its ledger limits, its audit entry and event
        CouponRecord stored = storage.coupons().save(change.coupon().toRecord(), change.event());
        LOG.info("coupon {} created as {} by {}", stored.definition().code(), stored.id(), actor);
        relayAfterCommand(0);
        return stored;
    }

    @Override
    public CouponRecord activate(CouponId couponId, Actor actor) {
        return transition(couponId, coupon -> coupon.activate(clock.instant(), actor));
    }

    @Override
    public CouponRecord disable(CouponId couponId, Actor actor, String reason) {
        return transition(couponId, coupon -> coupon.disable(clock.instant(), actor, reason));
    }

    @Override
    public CouponRecord suspend(CouponId couponId, Actor actor, String reason) {
        return transition(couponId, coupon -> coupon.suspend(clock.instant(), actor, reason));
    }

    @Override
    public CouponRecord liftSuspension(CouponId couponId, Actor actor, String reason) {
        return transition(couponId, coupon -> coupon.liftSuspension(clock.instant(), actor, reason));
    }

    private CouponRecord transition(CouponId couponId, java.util.function.Function<Coupon, CouponChange> step) {
        Coupon coupon = Coupon.fromRecord(load(couponId));
        CouponChange change = step.apply(coupon);
        CouponRecord stored = storage.coupons().save(change.coupon().toRecord(), change.event());
        LOG.info("coupon {} is now {}", stored.definition().code(), stored.status());
        relayAfterCommand(0);
        return stored;
    }

    @Override
    public CouponRecord changeLimits(CouponId couponId, UsageLimits limits, Actor actor) {
        Checks.notNull(limits, "limits");
        Checks.notNull(actor, "actor");
        CouponRecord current = load(couponId);
        CouponDefinition old = current.definition();
        if (old.limits().equals(limits)) {
            return current;
        }
        // everything but the limits kept (the reinstate policy and the code mode too); a per-code limit
        // on a coupon of one shared code is refused here, before the ledger is asked
        CouponDefinition changed = old.withLimits(limits);
        Instant now = clock.instant();
        // the ledger first: it refuses atomically when usage already exceeds the new limits, and
        // from then on enforces the stricter of its limits and those a lock passes
        LimitChange change = ledger.changeLimits(couponId, limits, now, actor);
        if (!change.applied()) {
            throw new ConflictException("coupon " + old.code() + ": " + change.message());
        }
        Instant updated = now.isBefore(current.updatedAt()) ? current.updatedAt() : now;
        CouponRecord stored = storage.coupons().save(
                new CouponRecord(current.id(), changed, current.status(), current.version(), current.createdAt(), updated),
                new CouponLimitsChanged(current.id(), old.code(), now, actor, limits));
        relayAfterCommand(0);
        return stored;
    }

    @Override
    public dev.couponkernel.core.campaign.Campaigns campaigns() {
        return campaigns;
    }

    @Override
    public Optional<CouponRecord> findByCode(String code) {
        return storage.coupons().findByCode(CouponCode.parse(code));
    }

    @Override
    public Optional<CouponRecord> findById(CouponId couponId) {
        return storage.coupons().findById(Checks.notNull(couponId, "couponId"));
    }

    @Override
    public dev.couponkernel.spi.store.CouponPage search(dev.couponkernel.spi.store.CouponQuery query) {
        return storage.coupons().search(Checks.notNull(query, "query"));
    }

    @Override
    public dev.couponkernel.spi.store.UsageSummary usageSummary(CouponId couponId) {
        load(couponId);
        return storage.ledger().summary(couponId);
    }

    private CouponRecord load(CouponId couponId) {
        Checks.notNull(couponId, "couponId");
        return storage.coupons().findById(couponId)
                .orElseThrow(() -> new NotFoundException("no coupon " + couponId));
    }

    // ---- pricing and checkout ----

    @Override
    public PricingDecision validate(ValidateRequest request) {
        Checks.notNull(request, "request");
        checkCodeCount(request.codes());
        Cart cart = cart(request.cartId());
        Customer customer = customer(request.userId());
        Instant now = clock.instant();
        List<CouponCode> parsed = parse(request.codes(), AttemptKind.VALIDATE, customer, cart, request.client(), now);
        Map<CouponCode, Optional<Coupon>> resolved = resolve(parsed);
        List<RejectedCoupon> codeRefusals = codeRefusals(resolved);
        Map<CouponCode, Optional<Coupon>> coupons = without(resolved, codeRefusals);
        List<CouponCode> codes = parsed.stream().filter(coupons::containsKey).toList();
        UsageCounts usage = usageBesides(Map.of(), customer.id());
        PricingDecision decision = withRejections(
                engine.price(pricingRequest(cart, customer, request.channel(), now, codes, coupons, usage)), codeRefusals);
        if (fraud == null) {
            return decision;
        }
        List<FraudGate.Screened> screened = fraud.screen(AttemptKind.VALIDATE, request.codes(), parsed, resolved, customer,
                cart, request.client(), now, decision);
        Set<CouponCode> blocked = blocked(screened);
        if (!blocked.isEmpty()) {
            Map<CouponCode, Optional<Coupon>> rest = new LinkedHashMap<>(coupons);
            rest.keySet().removeAll(blocked);
            PricingDecision without = engine.price(pricingRequest(cart, customer, request.channel(), now,
                    codes.stream().filter(c -> !blocked.contains(c)).toList(), rest, usage));
            decision = withRejections(withRejections(without, fraudRejections(blocked)), codeRefusals);
        }
        fraud.settle(screened, decision);
        publishIfFlagged(screened);
        return decision;
    }

    private static Set<CouponCode> blocked(List<FraudGate.Screened> screened) {
        Set<CouponCode> blocked = new LinkedHashSet<>();
        screened.stream().filter(s -> s.verdict().blocked()).forEach(s -> blocked.add(s.code()));
        return blocked;
    }

    private static List<RejectedCoupon> fraudRejections(Set<CouponCode> blocked) {
        List<RejectedCoupon> refused = new ArrayList<>();
        for (CouponCode code : blocked) {
            refused.add(new RejectedCoupon(code, RejectionReason.SUSPECTED_FRAUD, SUSPECTED_FRAUD));
        }
        return refused;
    }

    private static PricingDecision withRejections(PricingDecision decision, List<RejectedCoupon> more) {
        List<RejectedCoupon> rejected = new ArrayList<>(decision.rejected());
        rejected.addAll(more);
        rejected.sort(Comparator.comparing(RejectedCoupon::code).thenComparing(RejectedCoupon::reason));
        return new PricingDecision(decision.cart(), decision.applied(), rejected, decision.merchandiseDiscount(),
                decision.shippingDiscount());
    }

    private void publishIfFlagged(List<FraudGate.Screened> screened) {
        if (screened.stream().anyMatch(s -> s.verdict().decision() != FraudDecision.ALLOW)) {
            relayAfterCommand(0);
        }
    }

    @Override
    public ApplyResult apply(ApplyRequest request) {
        Checks.notNull(request, "request");
        checkCodeCount(request.codes());
        Cart cart = cart(request.cartId());
        Customer customer = customer(request.userId());
        Instant now = clock.instant();
        List<CouponCode> parsed = parse(request.codes(), AttemptKind.APPLY, customer, cart, request.client(), now);
        Map<CouponCode, Optional<Coupon>> resolved = resolve(parsed);
        List<RejectedCoupon> codeRefusals = codeRefusals(resolved);
        Map<CouponCode, Optional<Coupon>> coupons = without(resolved, codeRefusals);
        List<CouponCode> codes = parsed.stream().filter(coupons::containsKey).toList();
        CheckoutId checkout = request.checkoutId();
        Instant expiresAt = now.plus(lockTtl);
        // the checkout's usages, read once: whose checkout it is, and its own uses that pricing must
        // not count against a replay; counts are read once per coupon for the whole call
        List<UsageRecord> existing = ledger.usagesOf(checkout);
        requireOwner(checkout, existing, customer.id(), "apply", now);
        UsageCounts usage = usageBesides(ownUses(existing), customer.id());

        List<RejectedCoupon> refused = new ArrayList<>(codeRefusals);
        Set<CouponCode> excluded = new HashSet<>();
        List<FraudGate.Screened> screened = List.of();
        if (fraud != null) {
            PricingDecision dryRun = engine.price(pricingRequest(cart, customer, request.channel(), now, codes, coupons,
                    usage));
            screened = fraud.screen(AttemptKind.APPLY, request.codes(), parsed, resolved, customer, cart, request.client(),
                    now, dryRun);
            Set<CouponCode> blocked = blocked(screened);
            excluded.addAll(blocked);
            refused.addAll(fraudRejections(blocked));
        }
        for (int attempt = 0; attempt <= codes.size(); attempt++) {
            Map<CouponCode, Optional<Coupon>> candidates = new LinkedHashMap<>(coupons);
            candidates.keySet().removeAll(excluded);
            PricingDecision decision = engine.price(pricingRequest(cart, customer, request.channel(), now,
                    codes.stream().filter(c -> !excluded.contains(c)).toList(), candidates, usage));
            RejectedCoupon refusal = lockAll(decision, candidates, customer.id(), checkout, now, expiresAt);
            if (refusal != null && refusal.reason() == RejectionReason.CHECKOUT_OF_ANOTHER_CUSTOMER) {
                // another customer's first lock on this checkout committed after the check above
                throw foreignCheckout(checkout, customer.id(), "apply", now);
            }
            if (refusal == null) {
                Set<CouponId> applied = new HashSet<>();
                decision.applied().forEach(a -> applied.add(a.couponId()));
                List<UsageRecord> locked = releaseOthers(checkout, applied, now);
                PricingDecision finalDecision = withRejections(decision, refused);
                LOG.debug("checkout {} applied {}", checkout, finalDecision.appliedCodes());
                if (fraud != null) {
                    fraud.settle(screened, finalDecision);
                }
                relayAfterCommand(0);
                return new ApplyResult(checkout, finalDecision, locked,
                        screened.stream().map(FraudGate.Screened::verdict).toList());
            }
            refused.add(refusal);
            excluded.add(refusal.code());
        }
        throw new IllegalStateException("apply did not settle after " + (codes.size() + 1) + " attempts");
    }

    /** Locks every applied coupon; returns the first refusal, or null when all are locked. */
    private RejectedCoupon lockAll(PricingDecision decision, Map<CouponCode, Optional<Coupon>> coupons, UserId user,
            CheckoutId checkout, Instant now, Instant expiresAt) {
        for (AppliedCoupon a : decision.applied()) {
            Coupon coupon = coupons.get(a.code()).orElseThrow();
            // the discount as priced, merchandise and shipping: what the coupon's budget reserves
            // the code the customer typed: a campaign's unique code, or the coupon's shared code
            LockOutcome outcome = ledger.lock(new LockRequest(coupon.id(), a.code(), user, checkout,
                    coupon.definition().limits(), now, expiresAt, Actor.CHECKOUT, a.amount().plus(a.shippingDiscount())));
            if (!outcome.isLocked()) {
                LOG.debug("checkout {}: lock of {} refused: {}", checkout, a.code(), outcome);
                return new RejectedCoupon(a.code(), outcome.reason().orElseThrow(), outcome.message().orElseThrow());
            }
        }
        return null;
    }

    /**
     * Usage counts without the checkout's own usages (see {@link #ownUses}; none for a validate), read
     * once per coupon when pricing first asks, for the whole call.
     * The two reads are not one snapshot (another tab of the same customer may lock or release in
     * between), so the difference is kept within 0 and the total: pricing's counts are advisory, the
     * ledger decides every lock under its row locks.
     */
    private UsageCounts usageBesides(Map<CouponId, Long> ownUses, UserId user) {
        Map<CouponId, UsageCount> read = new HashMap<>();
        return id -> read.computeIfAbsent(id, coupon -> {
            UsageCount c = ledger.count(coupon, user);
            long own = ownUses.getOrDefault(coupon, 0L);
            long total = Math.max(0, c.total() - own);
            return new UsageCount(total, Math.min(total, Math.max(0, c.byUser() - own)));
        });
    }

    /**
     * The checkout's own counting usages (LOCKED or REDEEMED) per coupon: they must not count against
     * a replay of the same apply, so that the ledger, not pricing, answers a replay (the same lock, or
     * CHECKOUT_CLOSED for a finished checkout).
     */
    private static Map<CouponId, Long> ownUses(List<UsageRecord> usagesOfCheckout) {
        Map<CouponId, Long> own = new HashMap<>();
        for (UsageRecord u : usagesOfCheckout) {
            if (u.counts()) {
                own.merge(u.couponId(), 1L, Long::sum);
            }
        }
        return own;
    }

    /** Releases the checkout's locks on coupons no longer applied; returns the LOCKED usages that remain. */
    private List<UsageRecord> releaseOthers(CheckoutId checkout, Set<CouponId> applied, Instant now) {
        List<UsageRecord> kept = new ArrayList<>();
        for (UsageRecord u : ledger.usagesOf(checkout)) {
            if (u.status() != UsageStatus.LOCKED) {
                continue;
            }
            if (applied.contains(u.couponId())) {
                kept.add(u);
            } else {
                ledger.releaseOne(checkout, u.couponId(), NO_LONGER_APPLIED, now, Actor.CHECKOUT);
            }
        }
        return kept;
    }

    private PricingRequest pricingRequest(Cart cart, Customer customer, Channel channel, Instant at,
            List<CouponCode> codes, Map<CouponCode, Optional<Coupon>> coupons, UsageCounts usage) {
        PricingRequest.Builder b = PricingRequest.builder(cart, customer).at(at).usage(usage).maxCoupons(maxCoupons).selection(selection);
        if (channel != null) {
            b.channel(channel);
        }
        List<String> raw = codes.stream().map(CouponCode::value).toList();
        return b.codes(raw, code -> coupons.getOrDefault(code, Optional.empty())).build();
    }

    /** Refuses a request with more codes than this kernel takes, before anything is looked up. */
    private void checkCodeCount(List<String> raw) {
        if (raw.size() > maxCodes) {
            throw new InvalidInputException("codes", "holds " + raw.size() + " codes; this kernel takes at most " + maxCodes
                    + " per request");
        }
    }

    /** Parses the typed codes; with a fraud guard, a malformed code is recorded as an attempt before the request fails. */
    private List<CouponCode> parse(List<String> raw, AttemptKind kind, Customer customer, Cart cart, ClientInfo client,
            Instant now) {
        List<CouponCode> codes = new ArrayList<>(raw.size());
        for (String code : raw) {
            try {
                codes.add(CouponCode.parse(code));
            } catch (InvalidInputException malformed) {
                if (fraud != null && code != null) {
                    fraud.recordMalformed(kind, code, customer, cart, client, now);
                }
                throw malformed;
            }
        }
        return codes;
    }

    private Map<CouponCode, Optional<Coupon>> resolve(List<CouponCode> codes) {
        Map<CouponCode, Optional<Coupon>> coupons = new LinkedHashMap<>();
        for (CouponCode code : codes) {
            // a campaign is named by the unique code typed: pricing reports it and the ledger locks it
            coupons.computeIfAbsent(code, c -> storage.coupons().findByCode(c).map(r ->
                    r.definition().codes() == dev.couponkernel.spi.coupon.CodeMode.UNIQUE
                            ? Coupon.fromRecord(r).typedAs(c) : Coupon.fromRecord(r)));
        }
        return coupons;
    }

    /**
     * The typed unique codes that cannot be used whatever the cart: voided, or used as often as the
     * per-code limit allows (read once per code; the ledger decides again under its lock). A shared
     * code reads nothing here.
     */
    private List<RejectedCoupon> codeRefusals(Map<CouponCode, Optional<Coupon>> coupons) {
        List<RejectedCoupon> refused = new ArrayList<>();
        Map<CouponId, CouponCode> campaigns = new HashMap<>();
        coupons.forEach((code, coupon) -> {
            if (coupon.isEmpty() || coupon.get().definition().codes() != dev.couponkernel.spi.coupon.CodeMode.UNIQUE) {
                return;
            }
            CouponCode first = campaigns.putIfAbsent(coupon.get().id(), code);
            if (first != null) {
                // one use of a campaign per checkout, whichever of its codes: the first typed counts
                refused.add(new RejectedCoupon(code, RejectionReason.DUPLICATE_CODE, "code " + first
                        + " of the same campaign was entered already"));
                return;
            }
            Optional<dev.couponkernel.spi.store.CodeRecord> row = storage.codes().find(code);
            if (row.isEmpty()) {
                return; // removed meanwhile: the ledger refuses the lock
            }
            if (row.get().voidedAt() != null) {
                refused.add(new RejectedCoupon(code, RejectionReason.CODE_VOIDED, "code " + code + " was voided"));
                return;
            }
            java.util.OptionalLong perCode = coupon.get().definition().limits().maxUsesPerCode();
            if (perCode.isPresent() && row.get().used() >= perCode.getAsLong()) {
                refused.add(new RejectedCoupon(code, RejectionReason.CODE_USED_UP, "code " + code + " is used "
                        + row.get().used() + " of " + perCode.getAsLong() + " times"));
            }
        });
        return refused;
    }

    /** The coupons without those refused, and the refused codes. */
    private static Map<CouponCode, Optional<Coupon>> without(Map<CouponCode, Optional<Coupon>> coupons,
            List<RejectedCoupon> refused) {
        if (refused.isEmpty()) {
            return coupons;
        }
        Map<CouponCode, Optional<Coupon>> rest = new LinkedHashMap<>(coupons);
        refused.forEach(r -> rest.remove(r.code()));
        return rest;
    }

    private Cart cart(CartId cartId) {
        return Checks.notNull(carts.find(cartId), "cart source result")
                .orElseThrow(() -> new NotFoundException("no cart " + cartId));
    }

    private Customer customer(UserId userId) {
        Customer customer = Checks.notNull(customers.find(userId), "customer directory result")
                .orElseThrow(() -> new NotFoundException("no customer " + userId));
        if (!customer.id().equals(userId)) {
            throw new InvalidInputException(
                    "customer", "the directory answered customer " + customer.id() + " for " + userId);
        }
        return customer;
    }

    /**
     * Refuses a customer's command on a checkout whose usages belong to another customer. Sound as a
     * check before the command: a checkout's owner never changes once it has a usage, and the ledger
     * refuses a lock for anyone else atomically (the race is handled where the ledger answers).
     */
    private void requireOwner(CheckoutId checkout, List<UsageRecord> usagesOfCheckout, UserId customer, String command,
            Instant now) {
        try {
            UsageRecord.requireOwner(checkout, usagesOfCheckout, customer);
        } catch (CheckoutOwnershipException foreign) {
            throw foreignCheckout(checkout, customer, command, now);
        }
    }

    /**
     * Audits a customer's attempt on another customer's checkout on each of the checkout's coupons,
     * with a security alert (an event), and returns the exception to throw.
     */
    private CheckoutOwnershipException foreignCheckout(CheckoutId checkout, UserId intruder, String command, Instant now) {
        LOG.warn("customer {} tried to {} on checkout {}, which belongs to another customer", intruder, command, checkout);
        Set<CouponId> noted = new HashSet<>();
        FraudSignal signal = FraudSignal.of("checkout-of-another-customer", 100,
                "tried to " + command + " on checkout " + checkout + ", which belongs to another customer");
        for (UsageRecord u : ledger.usagesOf(checkout)) {
            if (noted.add(u.couponId())) {
                storage.coupons().note(new SecurityAlertRaised(u.couponId(), u.code(), now, Actor.FRAUD_GUARD,
                        AlertLevel.BLOCK, intruder, FraudScore.of(100), List.of(signal),
                        "customer " + Checks.quote(intruder.value()) + " tried to " + command + " on checkout "
                                + Checks.quote(checkout.value()) + ", which belongs to another customer"));
            }
        }
        relayAfterCommand(0);
        return new CheckoutOwnershipException(checkout.value());
    }

    @Override
    public RedeemResult redeem(CheckoutId checkoutId, UserId customer, OrderId orderId, Actor actor) {
        RedeemResult result = forCustomer(checkoutId, customer, "redeem",
                now -> ledger.redeem(checkoutId, customer, orderId, now, actor));
        LOG.debug("checkout {} redeem for order {} of {}: {}", checkoutId, orderId, customer, result.status());
        return result;
    }

    @Override
    public ReleaseResult release(CheckoutId checkoutId, UserId customer, String reason, Actor actor) {
        ReleaseResult result = forCustomer(checkoutId, customer, "release",
                now -> ledger.release(checkoutId, customer, reason, now, actor));
        LOG.debug("checkout {} release for {} ({}): {}", checkoutId, customer, reason, result.status());
        return result;
    }

    /**
     * Runs a customer's ledger command on a checkout; when the ledger refuses it as another
     * customer's checkout, audits the attempt and throws. Relays after the command.
     */
    private <T> T forCustomer(CheckoutId checkoutId, UserId customer, String command,
            java.util.function.Function<Instant, T> ledgerCommand) {
        Checks.notNull(customer, "customer");
        Instant now = clock.instant();
        T result;
        try {
            result = ledgerCommand.apply(now);
        } catch (CheckoutOwnershipException foreign) {
            throw foreignCheckout(checkoutId, customer, command, now);
        }
        relayAfterCommand(0);
        return result;
    }

    @Override
    public RedeemResult redeem(CheckoutId checkoutId, OrderId orderId, Actor actor) {
        RedeemResult result = ledger.redeem(checkoutId, orderId, clock.instant(), actor);
        LOG.debug("checkout {} redeem for order {}: {}", checkoutId, orderId, result.status());
        relayAfterCommand(0);
        return result;
    }

    @Override
    public ReleaseResult release(CheckoutId checkoutId, String reason, Actor actor) {
        ReleaseResult result = ledger.release(checkoutId, reason, clock.instant(), actor);
        LOG.debug("checkout {} release ({}): {}", checkoutId, reason, result.status());
        relayAfterCommand(0);
        return result;
    }

    @Override
    public ReinstateResult reinstate(CheckoutId checkoutId, OrderId orderId, String reason, Actor actor) {
        Checks.notNull(checkoutId, "checkoutId");
        Checks.notNull(orderId, "orderId");
        Checks.text(reason, "reason", 512);
        Checks.notNull(actor, "actor");
        // a redeemed checkout is closed, so its coupons are fixed, and a coupon's policy is fixed at
        // create: reading both before the ledger's lock cannot race with the decision
        java.util.Set<CouponId> reinstatable = new java.util.HashSet<>();
        for (UsageRecord u : ledger.usagesOf(checkoutId)) {
            if (u.order().isPresent() && !reinstatable.contains(u.couponId())) {
                storage.coupons().findById(u.couponId())
                        .filter(c -> c.definition().reinstatePolicy() == dev.couponkernel.spi.coupon.ReinstatePolicy.ON_CANCELLED_ORDER)
                        .ifPresent(c -> reinstatable.add(c.id()));
            }
        }
        ReinstateResult result = ledger.reinstate(checkoutId, orderId, reinstatable, reason, clock.instant(), actor);
        LOG.debug("checkout {} reinstate for cancelled order {} ({}): {}", checkoutId, orderId, reason, result.status());
        relayAfterCommand(0);
        return result;
    }

    @Override
    public int expireLocks(int maxLocks) {
        Checks.positive(maxLocks, "maxLocks");
        int released = 0;
        while (released < maxLocks) {
            int batch = Math.min(SWEEP_BATCH, maxLocks - released);
            int n = ledger.expireLocks(clock.instant(), batch, Actor.EXPIRY_SWEEP).size();
            released += n;
            if (n < batch) {
                break;
            }
        }
        if (released > 0) {
            LOG.info("expiry sweep released {} locks", released);
            relayAfterCommand(released);
        }
        return released;
    }

    /**
     * After a command, in the caller's thread: relays at most {@code relayAfterCommand} pending events
     * plus {@code wrote} (what the command is known to have written beyond its usual few), and only
     * when no other thread of this kernel is relaying, so a slow broker or a busy outbox never holds a
     * customer's command. A failure here is logged, never thrown: the command committed, and its
     * result is its own transaction's truth; the events stay pending for the next relay.
     */
    private void relayAfterCommand(int wrote) {
        if (relayAfterCommand == 0 || !relay.tryLock()) {
            return;
        }
        try {
            RelayResult result = storage.outbox().relay(events, relayAfterCommand + wrote);
            result.failure().ifPresent(f -> LOG.warn("publishing an event failed; it and the later events of its"
                    + " coupon stay pending for the next relay", f));
        } catch (RuntimeException e) {
            LOG.warn("relaying after a command failed; the command committed and its events stay pending", e);
        } finally {
            relay.unlock();
        }
    }

    /**
     * Relays until nothing is pending. Threads of this kernel take turns: one that finds another
     * relaying leaves a request behind, and the relaying thread goes round once more before it stops,
     * so an event stored meanwhile is not left waiting for the next command. Relays on other nodes are
     * the outbox's concern ({@link dev.couponkernel.spi.store.EventOutbox#relay}).
     */
    @Override
    public int publishPendingEvents() {
        int published = 0;
        relayRequested.set(true);
        while (relayRequested.get() && relay.tryLock()) {
            try {
                relayRequested.set(false);
                while (true) {
                    RelayResult result = storage.outbox().relay(events, EVENT_BATCH);
                    published += result.published();
                    if (result.failure().isPresent()) {
                        LOG.warn("publishing an event failed; it and the later events of its coupon stay pending for the"
                                + " next relay", result.failure().get());
                        return published;
                    }
                    if (result.published() == 0) {
                        break;
                    }
                }
            } finally {
                relay.unlock();
            }
        }
        return published;
    }

    @Override
    public List<AuditEntry> auditTrail(CouponId couponId) {
        return storage.audit().byCoupon(Checks.notNull(couponId, "couponId"));
    }

    @Override
    public List<AuditEntry> auditTrail(CouponId couponId, long from, int max) {
        // the bounds hold whatever the store does: a host's store need not check them
        dev.couponkernel.spi.store.AuditTrail.checkPage(couponId, from, max);
        return storage.audit().page(couponId, from, max);
    }

    @Override
    public long auditTrailSize(CouponId couponId) {
        return storage.audit().size(Checks.notNull(couponId, "couponId"));
    }

    @Override
    public AuditVerification verifyAuditTrail(CouponId couponId) {
        return storage.audit().verify(Checks.notNull(couponId, "couponId"));
    }
}
