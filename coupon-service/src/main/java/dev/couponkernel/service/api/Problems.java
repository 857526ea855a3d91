package dev.couponkernel.service.api;

import dev.couponkernel.spi.error.CheckoutOwnershipException;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.error.IllegalCouponStateException;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.error.NotFoundException;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.error.UnknownKindException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every error of the REST API as an RFC 9457 problem ({@code application/problem+json}) with a stable
 * {@code type} per error ({@link Type}), the status, a title, a detail written for the caller, and for
 * bad input the field or JSON path. Nothing internal is shown: storage failures and unexpected errors
 * answer a fixed text and an incident id that the log holds with the cause.
 *
 * <p>Thread-safe.
 */
@RestControllerAdvice
public class Problems extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    /** The problem types; each {@link #uri()} is stable across versions of the service. */
    public enum Type {
        /** A field of a command is wrong (the kernel's validation). */
        INVALID_INPUT(HttpStatus.BAD_REQUEST, "Invalid input"),
        /** The body is not JSON or does not have the expected shape. */
        INVALID_JSON(HttpStatus.BAD_REQUEST, "Malformed request body"),
        /** A query parameter or path segment is wrong. */
        INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "Invalid parameter"),
        /** A discount kind or eligibility condition no one registered. */
        UNKNOWN_KIND(HttpStatus.BAD_REQUEST, "Unknown kind"),
        /** No credentials or wrong ones. */
        UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Authentication required"),
        /** The caller's role does not allow this. */
        FORBIDDEN(HttpStatus.FORBIDDEN, "Forbidden"),
        /** The checkout belongs to another customer. */
        CHECKOUT_OF_ANOTHER_CUSTOMER(HttpStatus.FORBIDDEN, "Checkout of another customer"),
        /** No such coupon, code, checkout or path. */
        NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
        /** The checkout has no usage. */
        UNKNOWN_CHECKOUT(HttpStatus.NOT_FOUND, "Unknown checkout"),
        /** The path exists, the method does not ({@code Allow} lists those that do). */
        METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
        /** The answer cannot be given in an accepted media type. */
        NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
        /** A state change the coupon's state does not allow, or a conflicting write. */
        CONFLICT(HttpStatus.CONFLICT, "Conflict"),
        /** The body is larger than the endpoint takes. */
        PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
        /** The body's media type is not one the endpoint reads. */
        UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
        /** The database cannot be reached or failed; retrying later may succeed. */
        STORAGE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Storage unavailable"),
        /** Anything else; the log has the cause under the incident id. */
        INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

        private final HttpStatus status;
        private final String title;

        Type(HttpStatus status, String title) {
            this.status = status;
            this.title = title;
        }

        /** @return the stable type URI, {@code urn:coupon-kernel:problem:invalid-input} */
        public URI uri() {
            return URI.create("urn:coupon-kernel:problem:" + name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }

        /** @return the HTTP status */
        public HttpStatus status() {
            return status;
        }
    }

    /**
     * @param type the problem's type
     * @param detail what happened, for the caller
     * @return the problem
     */
    public static ProblemDetail problem(Type type, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(type.status(), detail);
        p.setType(type.uri());
        p.setTitle(type.title);
        return p;
    }

    private static ResponseEntity<Object> answer(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Object> invalidInput(InvalidInputException e) {
        ProblemDetail p = problem(Type.INVALID_INPUT, e.getMessage());
        p.setProperty("field", e.field());
        return answer(p);
    }

    @ExceptionHandler(BadJsonException.class)
    ResponseEntity<Object> badJson(BadJsonException e) {
        ProblemDetail p = problem(Type.INVALID_JSON, e.getMessage());
        p.setProperty("jsonPath", e.jsonPath());
        return answer(p);
    }

    @ExceptionHandler(BadParameterException.class)
    ResponseEntity<Object> badParameter(BadParameterException e) {
        ProblemDetail p = problem(Type.INVALID_PARAMETER, e.getMessage());
        p.setProperty("parameter", e.parameter());
        return answer(p);
    }

    @ExceptionHandler(UnknownKindException.class)
    ResponseEntity<Object> unknownKind(UnknownKindException e) {
        ProblemDetail p = problem(Type.UNKNOWN_KIND, e.getMessage());
        p.setProperty("kind", e.kind());
        return answer(p);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e) {
        return answer(problem(Type.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(UnknownCheckoutException.class)
    ResponseEntity<Object> unknownCheckout(UnknownCheckoutException e) {
        return answer(problem(Type.UNKNOWN_CHECKOUT, e.getMessage()));
    }

    @ExceptionHandler(CheckoutOwnershipException.class)
    ResponseEntity<Object> otherCustomer(CheckoutOwnershipException e) {
        return answer(problem(Type.CHECKOUT_OF_ANOTHER_CUSTOMER, "this checkout belongs to another customer"));
    }

    @ExceptionHandler({ConflictException.class, IllegalCouponStateException.class})
    ResponseEntity<Object> conflict(RuntimeException e) {
        return answer(problem(Type.CONFLICT, e.getMessage()));
    }

    @ExceptionHandler(StorageException.class)
    ResponseEntity<Object> storage(StorageException e) {
        String incident = UUID.randomUUID().toString();
        LOG.error("storage failure, incident {}", incident, e);
        ProblemDetail p = problem(Type.STORAGE_UNAVAILABLE, "the coupon storage is unavailable; try again later");
        p.setProperty("incident", incident);
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, "5").body(p);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<Object> tooLarge(PayloadTooLargeException e) {
        return answer(problem(Type.PAYLOAD_TOO_LARGE, e.getMessage()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> denied(AccessDeniedException e) {
        return answer(problem(Type.FORBIDDEN, "your role does not allow this"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        LOG.error("unexpected failure, incident {}", incident, e);
        ProblemDetail p = problem(Type.INTERNAL, "the request failed; the service's log holds the cause under the incident id");
        p.setProperty("incident", incident);
        return answer(p);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException big) {
                return tooLarge(big);
            }
        }
        ProblemDetail p = problem(Type.INVALID_JSON, "the request body is missing or cannot be read");
        p.setProperty("jsonPath", "$");
        return answer(p);
    }

    /** Spring MVC's own errors (404, 405 with {@code Allow}, 406, 415, ...) with this API's types and no internals. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        Type type = switch (statusCode.value()) {
            case 400 -> Type.INVALID_PARAMETER;
            case 404 -> Type.NOT_FOUND;
            case 405 -> Type.METHOD_NOT_ALLOWED;
            case 406 -> Type.NOT_ACCEPTABLE;
            case 413 -> Type.PAYLOAD_TOO_LARGE;
            case 415 -> Type.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> Type.STORAGE_UNAVAILABLE;
            default -> statusCode.is4xxClientError() ? Type.INVALID_PARAMETER : Type.INTERNAL;
        };
        String detail = body instanceof ProblemDetail given && given.getDetail() != null && statusCode.is4xxClientError()
                ? given.getDetail() : type.title;
        ProblemDetail p = problem(type, detail);
        if (statusCode.is5xxServerError()) {
            LOG.error("request failed", ex);
        }
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(type.status()).headers(out).body(p);
    }

    /**
     * The API's answer to a request without valid credentials (Spring Security's entry point).
     *
     * @param request the request
     * @param response the response
     * @param e why
     * @throws IOException when the answer cannot be written
     */
    public void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"coupon-service\"");
        write(response, problem(Type.UNAUTHORIZED, "sign in with HTTP basic authentication"));
    }

    /**
     * The API's answer to a request whose role does not allow it (Spring Security's handler).
     *
     * @param request the request
     * @param response the response
     * @param e why
     * @throws IOException when the answer cannot be written
     */
    public void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, problem(Type.FORBIDDEN, "your role does not allow this"));
    }

    private final ApiJson json = new ApiJson();

    private void write(HttpServletResponse response, ProblemDetail p) throws IOException {
        ObjectNode out = json.newObject();
        out.put("type", p.getType().toString());
        out.put("title", p.getTitle());
        out.put("status", p.getStatus());
        out.put("detail", p.getDetail());
        response.setStatus(p.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.write(out));
    }
}
