package dev.couponkernel.spi.port;

import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.value.CartId;
import java.util.Optional;

/**
 * The host's authoritative carts: the kernel prices from these lines, never from a total a client
 * sent. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface CartSource {

    /**
     * @param cartId a cart
     * @return its current content, if the cart exists
     */
    Optional<Cart> find(CartId cartId);
}
