package dev.couponkernel.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the tests: one user's basic credentials, JSON in and out. */
final class ServiceClient {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-secret";
    static final String CHECKOUT = "checkout";
    static final String CHECKOUT_PASSWORD = "checkout-secret";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final String authorization;

    private ServiceClient(String base, String user, String password) {
        this.base = base;
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static ServiceClient admin(int port) {
        return new ServiceClient("http://localhost:" + port, ADMIN, ADMIN_PASSWORD);
    }

    static ServiceClient checkout(int port) {
        return new ServiceClient("http://localhost:" + port, CHECKOUT, CHECKOUT_PASSWORD);
    }

    static ServiceClient anonymous(int port) {
        return new ServiceClient("http://localhost:" + port, null, null);
    }

    static ServiceClient as(int port, String user, String password) {
        return new ServiceClient("http://localhost:" + port, user, password);
    }

    /** An answer: status, headers, body. */
    record Answer(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            return MAPPER.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String problemType() {
            return json().path("type").asString();
        }
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer delete(String path) {
        return send(request(path).DELETE());
    }

    Answer send(String method, String path, String contentType, String body) {
        HttpRequest.Builder b = request(path).method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    Answer send(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = request(path).method(method, body);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A cart of one 30 EUR line (twice) with 4.90 shipping, and its customer, as a shop's backend sends them. */
    static String checkoutBody(String checkoutId, String userId, String... codes) {
        StringBuilder c = new StringBuilder();
        for (String code : codes) {
            c.append(c.length() == 0 ? "" : ",").append('"').append(code).append('"');
        }
        return "{" + (checkoutId == null ? "" : "\"checkoutId\":\"" + checkoutId + "\",")
                + "\"userId\":\"" + userId + "\",\"cartId\":\"cart-" + userId + "\",\"codes\":[" + c + "],"
                + "\"cart\":{\"currency\":\"EUR\",\"lines\":[{\"id\":\"L1\",\"sku\":\"SHOE-1\",\"seller\":\"acme\","
                + "\"categories\":[\"shoes\"],\"unitPrice\":{\"amount\":\"30.00\",\"currency\":\"EUR\"},\"quantity\":2}],"
                + "\"shipping\":{\"amount\":\"4.90\",\"currency\":\"EUR\"}},"
                + "\"customer\":{\"id\":\"" + userId + "\",\"accountCreatedAt\":\"2025-01-01T00:00:00Z\",\"completedOrders\":3}}";
    }
}
