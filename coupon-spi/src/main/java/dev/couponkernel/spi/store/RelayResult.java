package dev.couponkernel.spi.store;

import dev.couponkernel.spi.internal.Checks;
import java.util.Optional;

/**
 * What one {@link EventOutbox#relay} call did. Immutable and thread-safe.
 *
 * @param published how many events were published and marked published
 * @param failure the publisher's exception that stopped the call, if one did; the event it was given
 *     and the later events of its coupon stay pending
 */
public record RelayResult(int published, Optional<RuntimeException> failure) {

    /**
     * Validates the parts.
     *
     * @param published how many events were published and marked published
     * @param failure the publisher's exception that stopped the call, if one did; the event it was given and the later events of its coupon stay pending
     */
    public RelayResult {
        Checks.nonNegative(published, "published");
        Checks.notNull(failure, "failure");
    }

    /**
     * @param published how many events were published
     * @return a result without failure
     */
    public static RelayResult of(int published) {
        return new RelayResult(published, Optional.empty());
    }

    /**
     * @param published how many events were published before the failure
     * @param failure what the publisher threw
     * @return a failed result
     */
    public static RelayResult failed(int published, RuntimeException failure) {
        return new RelayResult(published, Optional.of(failure));
    }
}
