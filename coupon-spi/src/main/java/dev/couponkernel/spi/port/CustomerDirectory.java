package dev.couponkernel.spi.port;

import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.value.UserId;
import java.util.Optional;

/**
 * The host's customers: account age, completed orders and segments, as eligibility needs them.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface CustomerDirectory {

    /**
     * @param userId a customer
     * @return what the host knows of the customer, if the account exists
     */
    Optional<Customer> find(UserId userId);
}
