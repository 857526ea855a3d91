package dev.couponkernel.spi.value;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * When a coupon may be used: the half-open interval {@code [validFrom, validUntil)} of instants. A
 * coupon valid until midnight is no longer valid at midnight. {@code validUntil} may be absent for a
 * coupon that never expires by time.
 *
 * <p>Both ends lie within {@link dev.couponkernel.spi.internal.Checks#MIN_INSTANT year 1} and {@link
 * dev.couponkernel.spi.internal.Checks#MAX_INSTANT year 9999}, the range every store holds exactly.
 *
 * <p>Immutable and thread-safe.
 *
 * @param validFrom the first instant the coupon is valid
 * @param validUntil the first instant the coupon is no longer valid, or null for no end
 */
public record ValidityPeriod(Instant validFrom, Instant validUntil) {

    /**
     * Validates that the period ends after it starts.
     *
     * @param validFrom the first instant the coupon is valid
     * @param validUntil the first instant the coupon is no longer valid, or null for no end
     */
    public ValidityPeriod {
        Checks.instant(validFrom, "validity.validFrom");
        if (validUntil != null) {
            Checks.instant(validUntil, "validity.validUntil");
        }
        if (validUntil != null && !validUntil.isAfter(validFrom)) {
            throw new InvalidInputException(
                    "validity.validUntil",
                    "the validity ends at " + validUntil + ", which is not after its start at " + validFrom);
        }
    }

    /**
     * Returns the period {@code [validFrom, validUntil)}.
     *
     * @param validFrom the first valid instant
     * @param validUntil the first instant no longer valid, after {@code validFrom}
     * @return the period
     */
    public static ValidityPeriod between(Instant validFrom, Instant validUntil) {
        Checks.notNull(validUntil, "validity.validUntil");
        return new ValidityPeriod(validFrom, validUntil);
    }

    /**
     * Returns a period with a start and no end.
     *
     * @param validFrom the first valid instant
     * @return the period
     */
    public static ValidityPeriod startingAt(Instant validFrom) {
        return new ValidityPeriod(validFrom, null);
    }

    /** @return the end, if the period has one */
    public Optional<Instant> end() {
        return Optional.ofNullable(validUntil);
    }

    /**
     * Tells whether an instant lies before the period.
     *
     * @param instant the instant
     * @return true if the period has not started at that instant
     */
    public boolean isBefore(Instant instant) {
        return instant.isBefore(validFrom);
    }

    /**
     * Tells whether the period has ended at an instant.
     *
     * @param instant the instant
     * @return true if the period has an end and the instant is at or after it
     */
    public boolean hasEndedAt(Instant instant) {
        return validUntil != null && !instant.isBefore(validUntil);
    }

    /**
     * Tells whether an instant lies in the period.
     *
     * @param instant the instant
     * @return true if {@code validFrom <= instant < validUntil}
     */
    public boolean contains(Instant instant) {
        return !isBefore(instant) && !hasEndedAt(instant);
    }
}
