package dev.couponkernel.spi.cart;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Segment;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;
import java.util.Set;

/**
 * What the kernel knows of a customer, as the host's customer directory tells it. Immutable and
 * thread-safe.
 *
 * @param id the customer's account
 * @param accountCreatedAt when the account was created
 * @param completedOrders how many orders the customer has completed
 * @param segments the segments the host placed the customer in
 */
public record Customer(UserId id, Instant accountCreatedAt, long completedOrders, Set<Segment> segments) {

    /**
     * Validates the parts.
     *
     * @param id the customer's account
     * @param accountCreatedAt when the account was created
     * @param completedOrders how many orders the customer has completed
     * @param segments the segments the host placed the customer in
     */
    public Customer {
        Checks.notNull(id, "customer.id");
        Checks.instant(accountCreatedAt, "customer.accountCreatedAt");
        Checks.nonNegative(completedOrders, "customer.completedOrders");
        segments = Checks.copyOf(segments, "customer.segments");
    }

    /**
     * Returns a customer.
     *
     * @param id the account id
     * @param accountCreatedAt when the account was created
     * @param completedOrders completed orders
     * @param segments segment names
     * @return the customer
     */
    public static Customer of(String id, Instant accountCreatedAt, long completedOrders, String... segments) {
        Checks.notNull(segments, "customer.segments");
        java.util.HashSet<Segment> set = new java.util.HashSet<>();
        for (String s : segments) {
            set.add(Segment.of(s));
        }
        return new Customer(UserId.of(id), accountCreatedAt, completedOrders, set);
    }
}
