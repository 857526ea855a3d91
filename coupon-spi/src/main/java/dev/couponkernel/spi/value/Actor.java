package dev.couponkernel.spi.value;

import dev.couponkernel.spi.internal.Checks;

/**
 * Who caused a state change, as recorded in the audit trail: a staff member, a customer, or a part of
 * the kernel such as the expiry sweep or the fraud guard. Immutable and thread-safe.
 *
 * @param name a non-blank name of at most 128 characters, for example {@code "staff:alice"}
 */
public record Actor(String name) {

    /** The kernel's expiry sweep, which releases locks whose time-to-live passed. */
    public static final Actor EXPIRY_SWEEP = new Actor("system:expiry-sweep");
    /** The kernel's fraud guard, which rejects suspicious attempts and can disable a coupon. */
    public static final Actor FRAUD_GUARD = new Actor("system:fraud-guard");
    /** The kernel acting on a command from the host's checkout flow. */
    public static final Actor CHECKOUT = new Actor("system:checkout");

    /**
     * Validates the name.
     *
     * @param name a non-blank name of at most 128 characters, for example {@code "staff:alice"}
     */
    public Actor {
        Checks.text(name, "actor", 128);
    }

    /**
     * Returns an actor.
     *
     * @param name a non-blank name of at most 128 characters
     * @return the actor
     */
    public static Actor of(String name) {
        return new Actor(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
