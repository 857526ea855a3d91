package dev.couponkernel.spring.boot;

import dev.couponkernel.jdbc.Backlog;
import dev.couponkernel.jdbc.JdbcCouponStorage;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.value.CouponCode;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The Actuator health indicator {@code couponkernel}: DOWN when the storage cannot be read, when the
 * oldest pending event has waited longer than {@code couponkernel.health.max-relay-lag}, when an
 * expired lock has waited for the sweep longer than {@code couponkernel.health.max-sweep-lag}, or
 * when the last scheduled consistency check found a problem; UP otherwise. Its details: the
 * storage, the pending events and the relay's lag, the expired locks and the sweep's lag (JDBC
 * storage), and the last consistency check. Thread-safe.
 */
public final class CouponKernelHealthIndicator extends AbstractHealthIndicator {

    private static final CouponCode PROBE = CouponCode.parse("HEALTH-PROBE");
    private static final Logger LOG = LoggerFactory.getLogger(CouponKernelHealthIndicator.class);

    private final CouponStorage storage;
    private final Optional<ConsistencyWatch> consistency;
    private final CouponKernelProperties.Health limits;

    CouponKernelHealthIndicator(CouponStorage storage, Optional<ConsistencyWatch> consistency,
            CouponKernelProperties.Health limits) {
        super("the coupon kernel's storage could not be read");
        this.storage = storage;
        this.consistency = consistency;
        this.limits = limits;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetail("storage", storage.getClass().getSimpleName());
        try {
            readStorage(builder);
        } catch (RuntimeException e) {
            // the cause is logged, not shown: a database message may quote SQL and table names
            LOG.warn("the coupon kernel's health check could not read the storage", e);
            builder.down().withDetail("error", e.getClass().getSimpleName() + ": the storage could not be read (see the log)");
            return;
        }
        consistency.ifPresent(watch -> watch.last().ifPresentOrElse(last -> {
            builder.withDetail("consistencyCheckAt", last.at().toString())
                    .withDetail("consistencyProblems", last.problems().size());
            last.failure().ifPresent(f -> builder.withDetail("consistencyCheckFailure", "the check could not run (see the log)"));
            if (!last.problems().isEmpty()) {
                builder.down().withDetail("reason", "the consistency check found " + last.problems().size()
                        + " problems, the first: " + last.problems().get(0));
            }
        }, () -> builder.withDetail("consistencyCheckAt", "not run yet")));
    }

    private void readStorage(Health.Builder builder) {
        if (storage instanceof JdbcCouponStorage jdbc) {
            Backlog backlog = jdbc.backlog();
            builder.withDetail("pendingEvents", backlog.pendingEvents())
                    .withDetail("relayLag", backlog.relayLag().toString())
                    .withDetail("expiredLocks", backlog.expiredLocks())
                    .withDetail("sweepLag", backlog.sweepLag().toString());
            if (backlog.relayLag().compareTo(limits.getMaxRelayLag()) > 0) {
                builder.down().withDetail("reason", "the oldest pending event has waited " + backlog.relayLag()
                        + ", longer than couponkernel.health.max-relay-lag (" + limits.getMaxRelayLag() + ")");
            } else if (backlog.sweepLag().compareTo(limits.getMaxSweepLag()) > 0) {
                builder.down().withDetail("reason", "an expired lock has waited " + backlog.sweepLag()
                        + " for the sweep, longer than couponkernel.health.max-sweep-lag (" + limits.getMaxSweepLag() + ")");
            }
        } else {
            storage.coupons().findByCode(PROBE);
        }
    }
}
