package dev.couponkernel.micrometer;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.ApplyResult;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.ValidateRequest;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.RejectedCoupon;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.AuditVerification;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReinstateResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** A kernel whose every command is an observation; see {@link CouponKernelMetrics}. Thread-safe. */
final class ObservedCouponKernel implements CouponKernel {

    static final String OBSERVATION = "couponkernel.command";

    private final CouponKernel kernel;
    private final ObservationRegistry observations;
    private final MeterRegistry meters;
    private final Counter swept;
    private final Counter relayed;

    ObservedCouponKernel(CouponKernel kernel, ObservationRegistry observations, MeterRegistry meters) {
        this.kernel = kernel;
        this.observations = observations;
        this.meters = meters;
        this.swept = Counter.builder("couponkernel.sweep.released").description("locks released by expiry sweeps")
                .register(meters);
        this.relayed = Counter.builder("couponkernel.relay.published")
                .description("events published by publishPendingEvents (relays after a command not included)")
                .register(meters);
    }

    private static final Function<Object, String> OK = r -> "ok";

    private <T> T observe(String command, Supplier<T> call, Function<? super T, String> outcome) {
        Observation observation = Observation.createNotStarted(OBSERVATION, observations)
                .contextualName("couponkernel " + command)
                .lowCardinalityKeyValue("command", command);
        observation.start();
        try (Observation.Scope ignored = observation.openScope()) {
            T result = call.get();
            observation.lowCardinalityKeyValue("outcome", outcome.apply(result));
            return result;
        } catch (RuntimeException | Error e) {
            observation.lowCardinalityKeyValue("outcome", "error");
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private void countRejections(String command, PricingDecision decision) {
        for (RejectedCoupon rejected : decision.rejected()) {
            // a host condition's own code is a tag of its own (one per code the host defines); "none" otherwise
            Counter.builder("couponkernel.rejections").description("coupons refused, by command and reason")
                    .tag("command", command).tag("reason", rejected.reason().name())
                    .tag("hostReason", rejected.hostReason().orElse("none")).register(meters).increment();
        }
    }

    private String priced(String command, PricingDecision decision) {
        countRejections(command, decision);
        return !decision.applied().isEmpty() ? "applied" : decision.rejected().isEmpty() ? "none" : "rejected";
    }

    @Override
    public CouponRecord create(CouponDefinition definition, Actor actor) {
        return observe("create", () -> kernel.create(definition, actor), OK);
    }

    @Override
    public CouponRecord activate(CouponId couponId, Actor actor) {
        return observe("activate", () -> kernel.activate(couponId, actor), OK);
    }

    @Override
    public CouponRecord disable(CouponId couponId, Actor actor, String reason) {
        return observe("disable", () -> kernel.disable(couponId, actor, reason), OK);
    }

    @Override
    public CouponRecord suspend(CouponId couponId, Actor actor, String reason) {
        return observe("suspend", () -> kernel.suspend(couponId, actor, reason), OK);
    }

    @Override
    public CouponRecord liftSuspension(CouponId couponId, Actor actor, String reason) {
        return observe("lift_suspension", () -> kernel.liftSuspension(couponId, actor, reason), OK);
    }

    @Override
    public CouponRecord changeLimits(CouponId couponId, UsageLimits limits, Actor actor) {
        return observe("change_limits", () -> kernel.changeLimits(couponId, limits, actor), OK);
    }

    /** The campaigns of the observed kernel; their calls are not timed. */
    @Override
    public dev.couponkernel.core.campaign.Campaigns campaigns() {
        return kernel.campaigns();
    }

    @Override
    public Optional<CouponRecord> findByCode(String code) {
        return observe("find_by_code", () -> kernel.findByCode(code), r -> r.isPresent() ? "found" : "not_found");
    }

    @Override
    public Optional<CouponRecord> findById(CouponId couponId) {
        return observe("find_by_id", () -> kernel.findById(couponId), r -> r.isPresent() ? "found" : "not_found");
    }

    @Override
    public dev.couponkernel.spi.store.CouponPage search(dev.couponkernel.spi.store.CouponQuery query) {
        return observe("search", () -> kernel.search(query), OK);
    }

    @Override
    public dev.couponkernel.spi.store.UsageSummary usageSummary(CouponId couponId) {
        return observe("usage_summary", () -> kernel.usageSummary(couponId), OK);
    }

    @Override
    public PricingDecision validate(ValidateRequest request) {
        return observe("validate", () -> kernel.validate(request), d -> priced("validate", d));
    }

    @Override
    public ApplyResult apply(ApplyRequest request) {
        return observe("apply", () -> kernel.apply(request), r -> {
            String priced = priced("apply", r.decision());
            return !r.usages().isEmpty() ? (r.flaggedForReview() ? "locked_for_review" : "locked") : priced;
        });
    }

    @Override
    public RedeemResult redeem(CheckoutId checkoutId, UserId customer, OrderId orderId, Actor actor) {
        return observe("redeem", () -> kernel.redeem(checkoutId, customer, orderId, actor), r -> lower(r.status()));
    }

    @Override
    public RedeemResult redeem(CheckoutId checkoutId, OrderId orderId, Actor actor) {
        return observe("redeem", () -> kernel.redeem(checkoutId, orderId, actor), r -> lower(r.status()));
    }

    @Override
    public ReleaseResult release(CheckoutId checkoutId, UserId customer, String reason, Actor actor) {
        return observe("release", () -> kernel.release(checkoutId, customer, reason, actor), r -> lower(r.status()));
    }

    @Override
    public ReleaseResult release(CheckoutId checkoutId, String reason, Actor actor) {
        return observe("release", () -> kernel.release(checkoutId, reason, actor), r -> lower(r.status()));
    }

    @Override
    public ReinstateResult reinstate(CheckoutId checkoutId, OrderId orderId, String reason, Actor actor) {
        return observe("reinstate", () -> kernel.reinstate(checkoutId, orderId, reason, actor), r -> lower(r.status()));
    }

    @Override
    public int expireLocks(int maxLocks) {
        return observe("expire_locks", () -> {
            int n = kernel.expireLocks(maxLocks);
            swept.increment(n);
            return n;
        }, n -> n > 0 ? "released" : "none");
    }

    @Override
    public int publishPendingEvents() {
        return observe("publish_pending_events", () -> {
            int n = kernel.publishPendingEvents();
            relayed.increment(n);
            return n;
        }, n -> n > 0 ? "published" : "none");
    }

    @Override
    public List<AuditEntry> auditTrail(CouponId couponId) {
        return observe("audit_trail", () -> kernel.auditTrail(couponId), OK);
    }

    @Override
    public List<AuditEntry> auditTrail(CouponId couponId, long from, int max) {
        return observe("audit_trail_page", () -> kernel.auditTrail(couponId, from, max), OK);
    }

    @Override
    public long auditTrailSize(CouponId couponId) {
        return observe("audit_trail_size", () -> kernel.auditTrailSize(couponId), OK);
    }

    @Override
    public AuditVerification verifyAuditTrail(CouponId couponId) {
        return observe("verify_audit_trail", () -> kernel.verifyAuditTrail(couponId), v -> v.isIntact() ? "intact" : "broken");
    }
}
