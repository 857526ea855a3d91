package dev.couponkernel.core;

import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CartId;
import dev.couponkernel.spi.value.Channel;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.UserId;
import java.util.List;

/**
 * Apply coupons to a checkout: validate them against the authoritative cart, then lock one use of
 * each coupon that applies. The checkout id is the idempotency key: the same request again returns
 * the same locks. Applying a different set of codes to the same checkout releases the locks of
 * coupons no longer applied. An empty list of codes releases them all. Immutable and thread-safe.
 *
 * @param checkoutId the checkout
 * @param userId the customer
 * @param cartId the cart
 * @param codes the codes as typed
 * @param channel the sales channel, or null
 * @param client the device, IP and payment fingerprints for the fraud guard; {@link ClientInfo#UNKNOWN} when null
 */
public record ApplyRequest(
        CheckoutId checkoutId, UserId userId, CartId cartId, List<String> codes, Channel channel, ClientInfo client) {

    /**
     * Validates the parts.
     *
     * @param checkoutId the checkout
     * @param userId the customer
     * @param cartId the cart
     * @param codes the codes as typed
     * @param channel the sales channel, or null
     * @param client the device, IP and payment fingerprints for the fraud guard; {@link ClientInfo#UNKNOWN} when null
     */
    public ApplyRequest {
        Checks.notNull(checkoutId, "checkoutId");
        Checks.notNull(userId, "userId");
        Checks.notNull(cartId, "cartId");
        codes = Requests.codes(codes);
        client = client == null ? ClientInfo.UNKNOWN : client;
    }

    /**
     * A request without client info.
     *
     * @param checkoutId the checkout
     * @param userId the customer
     * @param cartId the cart
     * @param codes the codes as typed
     * @param channel the sales channel, or null
     */
    public ApplyRequest(CheckoutId checkoutId, UserId userId, CartId cartId, List<String> codes, Channel channel) {
        this(checkoutId, userId, cartId, codes, channel, ClientInfo.UNKNOWN);
    }

    /**
     * @param client the client's fingerprints
     * @return this request with them
     */
    public ApplyRequest withClient(ClientInfo client) {
        return new ApplyRequest(checkoutId, userId, cartId, codes, channel, Checks.notNull(client, "client"));
    }

    /**
     * @param checkoutId the checkout
     * @param userId the customer
     * @param cartId the cart
     * @param codes the codes as typed
     * @return a request without a channel
     */
    public static ApplyRequest of(String checkoutId, String userId, String cartId, String... codes) {
        return new ApplyRequest(CheckoutId.of(checkoutId), UserId.of(userId), CartId.of(cartId),
                Checks.elements("codes", codes), null);
    }
}
