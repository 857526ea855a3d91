package dev.couponkernel.core.saga;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CartId;
import dev.couponkernel.spi.value.Channel;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UserId;
import java.util.List;

/**
 * What the host's checkout tells the saga, as messages that may be delivered more than once and out
 * of order. Implementations are immutable records and thread-safe.
 */
public sealed interface CheckoutMessage {

    /** @return the checkout the message is about */
    CheckoutId checkoutId();

    /**
     * Calls the branch for this kind of message: a new kind fails to compile until every {@link Cases}
     * handles it (the library builds for Java 17, which has no pattern {@code switch}).
     *
     * @param <R> what the branches return
     * @param cases one branch per kind
     * @return the branch's result
     */
    <R> R on(Cases<R> cases);

    /**
     * One branch per kind of message.
     *
     * @param <R> what the branches return
     */
    interface Cases<R> {
        /**
         * @param m a started checkout
         * @return the result
         */
        R started(CheckoutStarted m);

        /**
         * @param m a created order
         * @return the result
         */
        R orderCreated(OrderCreated m);

        /**
         * @param m a failed checkout
         * @return the result
         */
        R failed(CheckoutFailed m);

        /**
         * @param m a cancelled or refunded order
         * @return the result
         */
        R orderCancelled(OrderCancelled m);
    }

    /**
     * A checkout started with coupon codes: validate them and lock one use of each that applies.
     *
     * @param checkoutId the checkout
     * @param userId the customer
     * @param cartId the cart
     * @param codes the codes as typed
     * @param channel the sales channel, or null
     */
    record CheckoutStarted(CheckoutId checkoutId, UserId userId, CartId cartId, List<String> codes, Channel channel)
            implements CheckoutMessage {

        /**
         * Validates the parts.
         *
         * @param checkoutId the checkout
         * @param userId the customer
         * @param cartId the cart
         * @param codes the codes as typed
         * @param channel the sales channel, or null
         */
        public CheckoutStarted {
            Checks.notNull(checkoutId, "checkoutId");
            Checks.notNull(userId, "userId");
            Checks.notNull(cartId, "cartId");
            codes = List.copyOf(Checks.notNull(codes, "codes"));
        }

        @Override
        public <R> R on(Cases<R> cases) {
            return cases.started(this);
        }
    }

    /**
     * The host created the order: redeem the checkout's locks.
     *
     * @param checkoutId the checkout
     * @param orderId the order
     */
    record OrderCreated(CheckoutId checkoutId, OrderId orderId) implements CheckoutMessage {

        /**
         * Validates the parts.
         *
         * @param checkoutId the checkout
         * @param orderId the order
         */
        public OrderCreated {
            Checks.notNull(checkoutId, "checkoutId");
            Checks.notNull(orderId, "orderId");
        }

        @Override
        public <R> R on(Cases<R> cases) {
            return cases.orderCreated(this);
        }
    }

    /**
     * The checkout failed (payment declined, cart abandoned, stock gone): release the checkout's locks.
     *
     * @param checkoutId the checkout
     * @param reason why, recorded in the audit trail
     */
    record CheckoutFailed(CheckoutId checkoutId, String reason) implements CheckoutMessage {

        /**
         * Validates the parts.
         *
         * @param checkoutId the checkout
         * @param reason why, recorded in the audit trail
         */
        public CheckoutFailed {
            Checks.notNull(checkoutId, "checkoutId");
            Checks.text(reason, "reason", 512);
        }

        @Override
        public <R> R on(Cases<R> cases) {
            return cases.failed(this);
        }
    }

    /**
     * The host cancelled or refunded the order: give back its coupons' uses where their policy allows
     * ({@code ReinstatePolicy.ON_CANCELLED_ORDER}).
     *
     * @param checkoutId the checkout the order came from
     * @param orderId the cancelled order
     * @param reason why, recorded in the audit trail
     */
    record OrderCancelled(CheckoutId checkoutId, OrderId orderId, String reason) implements CheckoutMessage {

        /**
         * Validates the parts.
         *
         * @param checkoutId the checkout the order came from
         * @param orderId the cancelled order
         * @param reason why, recorded in the audit trail
         */
        public OrderCancelled {
            Checks.notNull(checkoutId, "checkoutId");
            Checks.notNull(orderId, "orderId");
            Checks.text(reason, "reason", 512);
        }

        @Override
        public <R> R on(Cases<R> cases) {
            return cases.orderCancelled(this);
        }
    }
}
