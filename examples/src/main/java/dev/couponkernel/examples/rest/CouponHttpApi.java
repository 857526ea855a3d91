package dev.couponkernel.examples.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.ValidateRequest;
import dev.couponkernel.jackson.CouponJson;
import dev.couponkernel.jackson.CouponJsonException;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.error.CheckoutOwnershipException;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.error.IllegalCouponStateException;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.error.NotFoundException;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UserId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An example of how a host exposes the kernel over HTTP: a small JSON API on the loopback interface,
 * on the JDK's own HTTP server, with coupon-jackson for the bodies. Not a product: a host puts the
 * same mapping behind its own framework, authentication and rate limits.
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>method and path</th><th>body</th><th>answer</th></tr>
 *   <tr><td>POST /v1/validate</td><td>a validate request</td><td>200, the pricing decision</td></tr>
 *   <tr><td>POST /v1/apply</td><td>an apply request</td><td>200, the apply result</td></tr>
 *   <tr><td>POST /v1/checkouts/{id}/redeem</td><td>{@code {"orderId": "..."}}</td><td>200, the redeem result</td></tr>
 *   <tr><td>POST /v1/checkouts/{id}/release</td><td>{@code {"reason": "..."}}</td><td>200, the release result</td></tr>
 *   <tr><td>POST /v1/coupons</td><td>a coupon definition</td><td>201, the coupon, and its Location</td></tr>
 *   <tr><td>POST /v1/coupons/{id}/activate</td><td>none</td><td>200, the coupon</td></tr>
 *   <tr><td>POST /v1/coupons/{id}/disable</td><td>{@code {"reason": "..."}}</td><td>200, the coupon</td></tr>
 *   <tr><td>POST /v1/coupons/{id}/lift-suspension</td><td>{@code {"reason": "..."}}</td><td>200, the coupon</td></tr>
 *   <tr><td>GET /v1/coupons/{id}/audit</td><td>none</td><td>200, the audit entries, oldest first</td></tr>
 * </table>
 *
 * Validate and apply take the device and payment fingerprints from the body's {@code client} but the
 * IP address from the connection, whatever the body says. Commands that change coupons or finish
 * checkouts need the header {@code X-Actor} (who does it; it goes to the audit trail); redeem and
 * release called from a customer's own flow pass the customer the host authenticated in {@code
 * X-Customer}, and are refused with 403 when the checkout is another customer's. Errors are {@code application/problem+json} (RFC 9457) with {@code type},
 * {@code title}, {@code status}, {@code detail}, and {@code jsonPath} for a body that does not read:
 * 400 bad input or JSON, 403 another customer's checkout, 404 unknown id or path, 405 wrong method, 409
 * conflict or illegal transition,
 * 413 body over 1 MiB, 415 a body that is not JSON, 503 storage failure, 500 anything else.
 *
 * <p>Thread-safe; requests run on a pool of 8 threads.
 */
public final class CouponHttpApi implements AutoCloseable {

    private static final int MAX_BODY = 1 << 20;
    private static final Pattern CHECKOUT = Pattern.compile("/v1/checkouts/([^/]+)/(redeem|release)");
    private static final Pattern COUPON = Pattern.compile("/v1/coupons/([^/]+)/(activate|disable|lift-suspension|audit)");

    private final CouponKernel kernel;
    private final CouponJson json = CouponJson.create();
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    private CouponHttpApi(CouponKernel kernel, int port) throws IOException {
        this.kernel = kernel;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    /**
     * Starts the API on the loopback interface.
     *
     * @param kernel the kernel it exposes
     * @param port the port, or 0 for any free one
     * @return the running API
     * @throws IOException if the port cannot be bound
     */
    public static CouponHttpApi start(CouponKernel kernel, int port) throws IOException {
        return new CouponHttpApi(kernel, port);
    }

    /** @return where it listens, for example {@code http://127.0.0.1:8080} */
    public URI baseUri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    /** Stops accepting requests, lets running ones finish for up to a second, and stops the pool. */
    @Override
    public void close() {
        server.stop(1);
        pool.shutdownNow();
    }

    private void handle(HttpExchange x) throws IOException {
        try {
            Answer answer = route(x);
            send(x, answer.status, "application/json", answer.body, answer.location);
        } catch (Problem p) {
            problem(x, p.status, p.title, p.getMessage(), p.jsonPath);
        } catch (CouponJsonException e) {
            problem(x, 400, "Unreadable JSON", e.problem(), e.jsonPath());
        } catch (InvalidInputException e) {
            problem(x, 400, "Bad input", e.getMessage(), null);
        } catch (CheckoutOwnershipException e) {
            problem(x, 403, "Forbidden", e.getMessage(), null);
        } catch (NotFoundException e) {
            problem(x, 404, "Not found", e.getMessage(), null);
        } catch (ConflictException | IllegalCouponStateException e) {
            problem(x, 409, "Conflict", e.getMessage(), null);
        } catch (StorageException e) {
            problem(x, 503, "Storage unavailable", e.getMessage(), null);
        } catch (RuntimeException e) {
            problem(x, 500, "Internal error", e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        } finally {
            x.close();
        }
    }

    private record Answer(int status, String body, String location) {}

    /** An error answer with its status. */
    private static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String title;
        final String jsonPath;

        Problem(int status, String title, String detail, String jsonPath) {
            super(detail);
            this.status = status;
            this.title = title;
            this.jsonPath = jsonPath;
        }
    }

    private Answer route(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        if (path.equals("/v1/validate")) {
            post(method);
            ValidateRequest request = json.read(body(x), ValidateRequest.class);
            return ok(json.write(kernel.validate(request.withClient(seenFrom(x, request.client())))));
        }
        if (path.equals("/v1/apply")) {
            post(method);
            ApplyRequest request = json.read(body(x), ApplyRequest.class);
            return ok(json.write(kernel.apply(request.withClient(seenFrom(x, request.client())))));
        }
        if (path.equals("/v1/coupons")) {
            post(method);
            Actor actor = actor(x);
            CouponRecord created = kernel.create(json.read(body(x), CouponDefinition.class), actor);
            return new Answer(201, json.write(created), "/v1/coupons/" + created.id().value());
        }
        Matcher checkout = CHECKOUT.matcher(path);
        if (checkout.matches()) {
            post(method);
            CheckoutId id = CheckoutId.of(checkout.group(1));
            Actor actor = actor(x);
            // the customer the host's session authenticated, when a customer's own flow calls: then the
            // checkout must be that customer's (403 otherwise)
            String customer = x.getRequestHeaders().getFirst("X-Customer");
            if (checkout.group(2).equals("redeem")) {
                OrderId order = OrderId.of(field(body(x), "orderId"));
                return ok(json.write(customer == null ? kernel.redeem(id, order, actor)
                        : kernel.redeem(id, UserId.of(customer), order, actor)));
            }
            String reason = field(body(x), "reason");
            return ok(json.write(customer == null ? kernel.release(id, reason, actor)
                    : kernel.release(id, UserId.of(customer), reason, actor)));
        }
        Matcher coupon = COUPON.matcher(path);
        if (coupon.matches()) {
            CouponId id = CouponId.of(coupon.group(1));
            switch (coupon.group(2)) {
                case "audit" -> {
                    if (!method.equals("GET")) {
                        throw new Problem(405, "Method not allowed", method + " " + path + "; use GET", null);
                    }
                    return ok(json.mapper().writeValueAsString(kernel.auditTrail(id)));
                }
                case "activate" -> {
                    post(method);
                    return ok(json.write(kernel.activate(id, actor(x))));
                }
                case "lift-suspension" -> {
                    post(method);
                    Actor actor = actor(x);
                    return ok(json.write(kernel.liftSuspension(id, actor, field(body(x), "reason"))));
                }
                default -> {
                    post(method);
                    Actor actor = actor(x);
                    return ok(json.write(kernel.disable(id, actor, field(body(x), "reason"))));
                }
            }
        }
        throw new Problem(404, "Not found", "no route " + method + " " + path, null);
    }

    /**
     * The client's fingerprints with the IP address this server saw, not the one the body claims: a
     * client must not choose the address the fraud guard counts it by. (Behind a proxy, a host takes
     * the address from the header its own proxy sets.)
     */
    private static ClientInfo seenFrom(HttpExchange x, ClientInfo claimed) {
        return ClientInfo.of(claimed.deviceFingerprint(), x.getRemoteAddress().getAddress().getHostAddress(),
                claimed.paymentFingerprint());
    }

    private static Answer ok(String body) {
        return new Answer(200, body, null);
    }

    private static void post(String method) {
        if (!method.equals("POST")) {
            throw new Problem(405, "Method not allowed", method + " is not allowed here; use POST", null);
        }
    }

    private static Actor actor(HttpExchange x) {
        String actor = x.getRequestHeaders().getFirst("X-Actor");
        if (actor == null || actor.isBlank()) {
            throw new Problem(400, "Bad input", "the header X-Actor is required: who does this goes to the audit trail", null);
        }
        return Actor.of(actor);
    }

    private static String body(HttpExchange x) throws IOException {
        String type = x.getRequestHeaders().getFirst("Content-Type");
        if (type != null && !type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            throw new Problem(415, "Unsupported media type", "the body must be application/json, was " + type, null);
        }
        try (InputStream in = x.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                in.transferTo(OutputStream.nullOutputStream()); // read it all, so that the client gets the answer
                throw new Problem(413, "Body too large", "the body is over " + MAX_BODY + " bytes", null);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Reads a body that is an object with exactly one text field. */
    private String field(String body, String name) {
        JsonNode node;
        try {
            node = json.mapper().readTree(body);
        } catch (IOException e) {
            throw new Problem(400, "Unreadable JSON", "not valid JSON: " + e.getMessage(), "$");
        }
        if (node == null || !node.isObject()) {
            throw new Problem(400, "Unreadable JSON", "an object with \"" + name + "\" was expected", "$");
        }
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new Problem(400, "Unreadable JSON", "is required: a non-blank text", "$." + name);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals(name)) {
                throw new Problem(400, "Unreadable JSON", "is not a known field; known: " + name, "$." + f);
            }
        }
        return value.asText();
    }

    private void problem(HttpExchange x, int status, String title, String detail, String jsonPath) throws IOException {
        ObjectNode p = json.mapper().createObjectNode();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        if (jsonPath != null) {
            p.put("jsonPath", jsonPath);
        }
        send(x, status, "application/problem+json", json.mapper().writeValueAsString(p), null);
    }

    private static void send(HttpExchange x, int status, String type, String body, String location) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        if (location != null) {
            x.getResponseHeaders().set("Location", location);
        }
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
