package dev.couponkernel.service.api;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.ValidateRequest;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReinstateResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CartId;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UserId;
import java.security.Principal;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The checkout's endpoints, for the shop's checkout backend (role {@code CHECKOUT}): validate and apply
 * with the cart and the customer in the body, and a checkout's redeem, release and reinstate. Each
 * answers the kernel's result in its wire format ({@code docs/json.md}); {@code docs/service.md} and
 * the OpenAPI document describe the bodies.
 *
 * <p>Thread-safe.
 */
@RestController
@RequestMapping(path = "/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class CheckoutApi {

    private final CouponKernel kernel;
    private final CheckoutScope scope;
    private final ApiJson json;

    /**
     * @param kernel the kernel
     * @param scope the request's cart and customer
     * @param json the JSON
     */
    public CheckoutApi(CouponKernel kernel, CheckoutScope scope, ApiJson json) {
        this.kernel = kernel;
        this.scope = scope;
        this.json = json;
    }

    /** A validate or apply body: the kernel's request, the cart and the customer. */
    private record Priced(ObjectNode request, CartId cartId, Cart cart, Customer customer) {}

    private Priced priced(String body) {
        ObjectNode request = json.object(body);
        JsonNode cartNode = request.remove("cart");
        JsonNode customerNode = request.remove("customer");
        if (cartNode == null || cartNode.isNull()) {
            throw new BadJsonException("$.cart", "is required: the cart's lines as the shop prices them");
        }
        if (customerNode == null || customerNode.isNull()) {
            throw new BadJsonException("$.customer", "is required: the customer as the shop knows them");
        }
        if (!request.has("cartId")) {
            request.put("cartId", "cart");
        }
        if (!customerNode.isObject()) {
            throw new BadJsonException("$.customer", "must be an object");
        }
        ObjectNode customerObject = (ObjectNode) customerNode;
        JsonNode userId = request.get("userId");
        JsonNode customerId = customerObject.get("id");
        if (userId != null && userId.isString() && customerId != null && !userId.equals(customerId)) {
            throw new BadJsonException("$.customer.id", "must be the request's userId, " + userId.asString());
        }
        if (!customerObject.has("segments")) {
            customerObject.putArray("segments");
        }
        Cart cart = json.read(cartNode, "$.cart", Cart.class);
        Customer customer = json.read(customerObject, "$.customer", Customer.class);
        return new Priced(request, CartId.of(request.path("cartId").asString("cart")), cart, customer);
    }

    /**
     * Prices the codes for the cart and the customer; locks nothing.
     *
     * @param body the kernel's validate request with {@code cart} and {@code customer}
     * @return the pricing decision
     */
    @PostMapping(path = "/validate", consumes = MediaType.APPLICATION_JSON_VALUE)
    public String validate(@RequestBody String body) {
        Priced p = priced(body);
        ValidateRequest request = json.read(p.request(), "$", ValidateRequest.class);
        return json.write(scope.with(p.cartId(), p.cart(), p.customer(), () -> kernel.validate(request)));
    }

    /**
     * Prices the codes and locks one use of each applied coupon for the checkout.
     *
     * @param body the kernel's apply request with {@code cart} and {@code customer}
     * @return the apply result
     */
    @PostMapping(path = "/apply", consumes = MediaType.APPLICATION_JSON_VALUE)
    public String apply(@RequestBody String body) {
        Priced p = priced(body);
        ApplyRequest request = json.read(p.request(), "$", ApplyRequest.class);
        return json.write(scope.with(p.cartId(), p.cart(), p.customer(), () -> kernel.apply(request)));
    }

    /**
     * Redeems the checkout's locks for an order.
     *
     * @param checkoutId the checkout
     * @param body {@code {"orderId": "...", "userId": "..."}}; with {@code userId}, refused (403) when the
     *     checkout is another customer's
     * @param principal who calls
     * @return the redeem result; 404 when the checkout has no usage
     */
    @PostMapping(path = "/checkouts/{checkoutId}/redeem", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> redeem(@PathVariable String checkoutId, @RequestBody String body, Principal principal) {
        ObjectNode in = json.object(body);
        CheckoutId checkout = CheckoutId.of(checkoutId);
        OrderId order = OrderId.of(required(in, "orderId"));
        Optional<UserId> customer = optional(in, "userId").map(UserId::of);
        RedeemResult result = customer.isPresent()
                ? kernel.redeem(checkout, customer.get(), order, actor(principal))
                : kernel.redeem(checkout, order, actor(principal));
        if (result.status() == RedeemResult.Status.NOT_FOUND) {
            throw unknown(checkout);
        }
        return ResponseEntity.ok(json.write(result));
    }

    /**
     * Releases the checkout's locks.
     *
     * @param checkoutId the checkout
     * @param body {@code {"reason": "...", "userId": "..."}}, both optional
     * @param principal who calls
     * @return the release result; 404 when the checkout has no usage (it is closed all the same)
     */
    @PostMapping(path = "/checkouts/{checkoutId}/release", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> release(@PathVariable String checkoutId, @RequestBody(required = false) String body,
            Principal principal) {
        ObjectNode in = body == null || body.isBlank() ? json.newObject() : json.object(body);
        CheckoutId checkout = CheckoutId.of(checkoutId);
        String reason = optional(in, "reason").orElse("released by the shop");
        Optional<UserId> customer = optional(in, "userId").map(UserId::of);
        ReleaseResult result = customer.isPresent()
                ? kernel.release(checkout, customer.get(), reason, actor(principal))
                : kernel.release(checkout, reason, actor(principal));
        if (result.status() == ReleaseResult.Status.NOT_FOUND) {
            throw unknown(checkout);
        }
        return ResponseEntity.ok(json.write(result));
    }

    /**
     * Gives a redeemed checkout's uses back after its order was cancelled, where the coupons allow it.
     *
     * @param checkoutId the checkout
     * @param body {@code {"orderId": "...", "reason": "..."}}
     * @param principal who calls
     * @return the reinstate result; 404 when the checkout has no usage
     */
    @PostMapping(path = "/checkouts/{checkoutId}/reinstate", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> reinstate(@PathVariable String checkoutId, @RequestBody String body, Principal principal) {
        ObjectNode in = json.object(body);
        CheckoutId checkout = CheckoutId.of(checkoutId);
        ReinstateResult result = kernel.reinstate(checkout, OrderId.of(required(in, "orderId")),
                optional(in, "reason").orElse("order cancelled"), actor(principal));
        if (result.status() == ReinstateResult.Status.NOT_FOUND) {
            throw unknown(checkout);
        }
        return ResponseEntity.ok(json.write(result));
    }

    private static UnknownCheckoutException unknown(CheckoutId checkout) {
        return new UnknownCheckoutException(checkout);
    }

    static Actor actor(Principal principal) {
        return Actor.of("service:" + principal.getName());
    }

    static String required(ObjectNode in, String field) {
        return optional(in, field).orElseThrow(() -> new BadJsonException("$." + field, "is required"));
    }

    static Optional<String> optional(ObjectNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isString()) {
            throw new BadJsonException("$." + field, "must be a string");
        }
        return Optional.of(v.asString());
    }
}
