package dev.couponkernel.core;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CartId;
import dev.couponkernel.spi.value.Channel;
import dev.couponkernel.spi.value.UserId;
import java.util.List;
import java.util.Optional;

/**
 * A dry run: which of these codes would apply to this cart for this customer now, and what they
 * would take off. Nothing is locked or written. The kernel reads the cart and the customer from the
 * host's ports, never from the request. Immutable and thread-safe.
 *
 * @param userId the customer
 * @param cartId the cart
 * @param codes the codes as typed, at least one
 * @param channel the sales channel, or null
 * @param client the device, IP and payment fingerprints for the fraud guard; {@link ClientInfo#UNKNOWN} when null
 */
public record ValidateRequest(UserId userId, CartId cartId, List<String> codes, Channel channel, ClientInfo client) {

    /**
     * Validates the parts.
     *
     * @param userId the customer
     * @param cartId the cart
     * @param codes the codes as typed, at least one
     * @param channel the sales channel, or null
     * @param client the device, IP and payment fingerprints for the fraud guard; {@link ClientInfo#UNKNOWN} when null
     */
    public ValidateRequest {
        Checks.notNull(userId, "userId");
        Checks.notNull(cartId, "cartId");
        codes = Requests.codes(codes);
        if (codes.isEmpty()) {
            throw new InvalidInputException("codes", "at least one code is needed");
        }
        client = client == null ? ClientInfo.UNKNOWN : client;
    }

    /**
     * A request without client info.
     *
     * @param userId the customer
     * @param cartId the cart
     * @param codes the codes as typed, at least one
     * @param channel the sales channel, or null
     */
    public ValidateRequest(UserId userId, CartId cartId, List<String> codes, Channel channel) {
        this(userId, cartId, codes, channel, ClientInfo.UNKNOWN);
    }

    /**
     * @param client the client's fingerprints
     * @return this request with them
     */
    public ValidateRequest withClient(ClientInfo client) {
        return new ValidateRequest(userId, cartId, codes, channel, Checks.notNull(client, "client"));
    }

    /**
     * @param userId the customer
     * @param cartId the cart
     * @param codes the codes as typed
     * @return a request without a channel
     */
    public static ValidateRequest of(String userId, String cartId, String... codes) {
        return new ValidateRequest(UserId.of(userId), CartId.of(cartId), Checks.elements("codes", codes), null);
    }

    /** @return the channel, if any */
    public Optional<Channel> channelIfAny() {
        return Optional.ofNullable(channel);
    }
}
