package dev.couponkernel.micrometer;

import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.fraud.FraudVerdictListener;
import dev.couponkernel.spi.fraud.FraudSignal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.Objects;

/**
 * The kernel's metrics and observations on Micrometer, with or without Spring.
 *
 * <pre>{@code
 * CouponKernelMetrics metrics = CouponKernelMetrics.of(meterRegistry);
 * FraudGuard guard = FraudGuard.builder(storage.attempts()).standardProviders()
 *         .listener(metrics.fraudVerdicts()).build();
 * CouponKernel kernel = metrics.instrument(CouponKernel.builder()...fraudGuard(guard).build());
 * }</pre>
 *
 * <p>{@link #instrument} wraps every command of the kernel in an observation named {@code
 * couponkernel.command} with the low-cardinality keys {@code command} and {@code outcome}. Built
 * {@linkplain #of(MeterRegistry) on a meter registry alone}, the observations are timed into it by
 * Micrometer's {@link DefaultMeterObservationHandler} (a timer {@code couponkernel.command} with the
 * tags {@code command}, {@code outcome} and {@code error}, and a long task timer {@code
 * couponkernel.command.active}); built {@linkplain #of(MeterRegistry, ObservationRegistry) with the
 * application's observation registry} (Spring Boot's), its handlers decide: timers, and spans when
 * a tracer is configured. Rejected coupons count in {@code couponkernel.rejections} by {@code
 * command}, {@code reason} and {@code hostReason}; the sweep's and the relay's work in {@code
 * couponkernel.sweep.released} and {@code couponkernel.relay.published}. See {@code
 * docs/observability.md} for every meter.
 *
 * <p>Thread-safe; create one per meter registry.
 */
public final class CouponKernelMetrics {

    private final MeterRegistry meters;
    private final ObservationRegistry observations;

    private CouponKernelMetrics(MeterRegistry meters, ObservationRegistry observations) {
        this.meters = meters;
        this.observations = observations;
    }

    /**
     * @param meters where the meters go; the commands' observations are timed into it
     * @return the metrics
     */
    public static CouponKernelMetrics of(MeterRegistry meters) {
        Objects.requireNonNull(meters, "meters");
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        return new CouponKernelMetrics(meters, observations);
    }

    /**
     * @param meters where the counters go
     * @param observations where the commands' observations go (its handlers time and trace them)
     * @return the metrics
     */
    public static CouponKernelMetrics of(MeterRegistry meters, ObservationRegistry observations) {
        return new CouponKernelMetrics(Objects.requireNonNull(meters, "meters"),
                Objects.requireNonNull(observations, "observations"));
    }

    /**
     * @param kernel the kernel to observe
     * @return the same kernel, each command observed; results and exceptions pass through unchanged
     */
    public CouponKernel instrument(CouponKernel kernel) {
        return new ObservedCouponKernel(Objects.requireNonNull(kernel, "kernel"), observations, meters);
    }

    /**
     * A listener for {@code FraudGuard.builder(...).listener(...)}: counts verdicts in {@code
     * couponkernel.fraud.verdicts} by {@code decision}, the signals that scored in {@code
     * couponkernel.fraud.signals} by {@code signal}, and the scores in the distribution summary
     * {@code couponkernel.fraud.score}.
     *
     * @return the listener
     */
    public FraudVerdictListener fraudVerdicts() {
        DistributionSummary scores = DistributionSummary.builder("couponkernel.fraud.score")
                .description("the fraud guard's combined score of each attempt, 0 to 100").register(meters);
        return verdict -> {
            Counter.builder("couponkernel.fraud.verdicts").description("the fraud guard's verdicts")
                    .tag("decision", verdict.decision().name().toLowerCase(Locale.ROOT)).register(meters).increment();
            for (FraudSignal signal : verdict.signals()) {
                Counter.builder("couponkernel.fraud.signals").description("signals that scored above 0, by name")
                        .tag("signal", signal.name()).register(meters).increment();
            }
            scores.record(verdict.score().value());
        };
    }
}
