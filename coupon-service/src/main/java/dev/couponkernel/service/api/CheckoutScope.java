package dev.couponkernel.service.api;

import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.port.CartSource;
import dev.couponkernel.spi.port.CustomerDirectory;
import dev.couponkernel.spi.value.CartId;
import dev.couponkernel.spi.value.UserId;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The cart and the customer of the request being served, as the kernel's {@link CartSource} and {@link
 * CustomerDirectory}. The service is called by the shop's checkout backend, which owns its carts and
 * customers and sends them with each validate and apply (as Voucherify's and Talon.One's APIs take the
 * order in the request); the kernel prices these lines, never a total. A cart or customer is known only
 * for the call it came with, on that call's thread: another id, or another request, finds nothing.
 *
 * <p>Thread-safe: each thread sees only what it bound.
 */
@Component
public class CheckoutScope implements CartSource, CustomerDirectory {

    private record Bound(CartId cartId, Cart cart, Customer customer) {}

    private final ThreadLocal<Bound> bound = new ThreadLocal<>();

    /**
     * Runs a kernel call with a cart and a customer known to it.
     *
     * @param cartId the cart's id, as the request names it
     * @param cart the cart's content
     * @param customer the customer
     * @param call the kernel call
     * @param <T> its result
     * @return its result
     */
    public <T> T with(CartId cartId, Cart cart, Customer customer, Supplier<T> call) {
        Bound before = bound.get();
        bound.set(new Bound(cartId, cart, customer));
        try {
            return call.get();
        } finally {
            if (before == null) {
                bound.remove();
            } else {
                bound.set(before);
            }
        }
    }

    @Override
    public Optional<Cart> find(CartId cartId) {
        Bound b = bound.get();
        return b != null && b.cartId().equals(cartId) ? Optional.of(b.cart()) : Optional.empty();
    }

    @Override
    public Optional<Customer> find(UserId userId) {
        Bound b = bound.get();
        return b != null && b.customer().id().equals(userId) ? Optional.of(b.customer()) : Optional.empty();
    }
}
