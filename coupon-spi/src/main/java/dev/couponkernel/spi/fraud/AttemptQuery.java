package dev.couponkernel.spi.fraud;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Selects attempts from an {@link AttemptLog}: those with one value of one field (a user, a device,
 * an IP, a payment fingerprint or a coupon) at or after an instant, optionally narrowed to some
 * outcomes, to one coupon, to unknown codes, or to other users than one. Build one with {@link
 * #where} and the {@code with...} methods, each of which returns a new query. Immutable and
 * thread-safe.
 *
 * @param field the field selected by
 * @param value its value
 * @param since the earliest attempt instant included
 * @param outcomes the outcomes included, never empty
 * @param couponId only attempts whose code matched this coupon, or null for any
 * @param unknownCodeOnly only attempts whose code matched no coupon
 * @param excludedUser leave out this user's attempts, or null
 * @param kind only attempts of this kind (validate or apply), or null for both
 * @param accountsCreatedAfter only attempts of accounts created strictly after this instant, or null for any
 */
public record AttemptQuery(
        AttemptField field, String value, Instant since, Set<AttemptOutcome> outcomes, CouponId couponId,
        boolean unknownCodeOnly, UserId excludedUser, AttemptKind kind, Instant accountsCreatedAfter) {

    /**
     * Validates the parts.
     *
     * @param field the field selected by
     * @param value its value
     * @param since the earliest attempt instant included
     * @param outcomes the outcomes included, never empty
     * @param couponId only attempts whose code matched this coupon, or null for any
     * @param unknownCodeOnly only attempts whose code matched no coupon
     * @param excludedUser leave out this user's attempts, or null
     * @param kind only attempts of this kind (validate or apply), or null for both
     * @param accountsCreatedAfter only attempts of accounts created strictly after this instant, or null for any
     */
    public AttemptQuery {
        Checks.notNull(field, "field");
        Checks.text(value, "value", ClientInfo.MAX_LENGTH);
        Checks.notNull(since, "since");
        outcomes = Set.copyOf(Checks.notNull(outcomes, "outcomes"));
        if (outcomes.isEmpty()) {
            throw new dev.couponkernel.spi.error.InvalidInputException("outcomes", "at least one outcome is needed");
        }
        if (unknownCodeOnly && couponId != null) {
            throw new dev.couponkernel.spi.error.InvalidInputException("couponId",
                    "an attempt with an unknown code matched no coupon; select by one or the other");
        }
    }

    /**
     * @param field the field to select by
     * @param value its value
     * @param since the earliest attempt instant included
     * @return a query for every outcome
     */
    public static AttemptQuery where(AttemptField field, String value, Instant since) {
        return new AttemptQuery(field, value, since, EnumSet.allOf(AttemptOutcome.class), null, false, null, null, null);
    }

    /**
     * @param first an outcome to include
     * @param more more outcomes to include
     * @return this query narrowed to those outcomes
     */
    public AttemptQuery withOutcomes(AttemptOutcome first, AttemptOutcome... more) {
        return new AttemptQuery(field, value, since, outcomes(first, more), couponId, unknownCodeOnly, excludedUser, kind,
                accountsCreatedAfter);
    }

    private static EnumSet<AttemptOutcome> outcomes(AttemptOutcome first, AttemptOutcome... more) {
        EnumSet<AttemptOutcome> set = EnumSet.of(Checks.notNull(first, "outcomes element"));
        set.addAll(Checks.elements("outcomes", more));
        return set;
    }

    /**
     * @param coupon a coupon
     * @return this query narrowed to attempts whose code matched it
     */
    public AttemptQuery withCoupon(CouponId coupon) {
        return new AttemptQuery(field, value, since, outcomes, Checks.notNull(coupon, "coupon"), unknownCodeOnly, excludedUser,
                kind, accountsCreatedAfter);
    }

    /** @return this query narrowed to attempts whose code matched no coupon */
    public AttemptQuery withUnknownCodeOnly() {
        return new AttemptQuery(field, value, since, outcomes, couponId, true, excludedUser, kind, accountsCreatedAfter);
    }

    /**
     * @param user a user
     * @return this query without that user's attempts
     */
    public AttemptQuery withoutUser(UserId user) {
        return new AttemptQuery(field, value, since, outcomes, couponId, unknownCodeOnly, Checks.notNull(user, "user"),
                kind, accountsCreatedAfter);
    }

    /**
     * @param kind validate or apply
     * @return this query narrowed to attempts of that kind
     */
    public AttemptQuery withKind(AttemptKind kind) {
        return new AttemptQuery(field, value, since, outcomes, couponId, unknownCodeOnly, excludedUser,
                Checks.notNull(kind, "kind"), accountsCreatedAfter);
    }

    /**
     * @param instant an instant
     * @return this query narrowed to attempts of accounts created strictly after it (new accounts)
     */
    public AttemptQuery withAccountsCreatedAfter(Instant instant) {
        return new AttemptQuery(field, value, since, outcomes, couponId, unknownCodeOnly, excludedUser, kind,
                Checks.notNull(instant, "accountsCreatedAfter"));
    }

    /**
     * The reference meaning of a query, which every {@link AttemptLog} must agree with.
     *
     * @param attempt an attempt
     * @return whether the query selects it
     */
    public boolean matches(AttemptRecord attempt) {
        return value.equals(attempt.valueOf(field))
                && !attempt.context().at().isBefore(since)
                && outcomes.contains(attempt.outcome())
                && (couponId == null || couponId.equals(attempt.couponId()))
                && (!unknownCodeOnly || attempt.couponId() == null)
                && (excludedUser == null || !excludedUser.equals(attempt.context().userId()))
                && (kind == null || kind == attempt.context().kind())
                && (accountsCreatedAfter == null || attempt.context().accountCreatedAt().isAfter(accountsCreatedAfter));
    }
}
