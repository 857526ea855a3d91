package dev.couponkernel.spi.fraud;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.UserId;
import java.time.Duration;
import java.time.Instant;

/**
 * One attempt to use one code, as the fraud signals see it: the code exactly as typed, who typed it,
 * from where, for how much, and when. The kernel builds it from the command, the host's customer
 * directory and cart, and the client info the host passes in. Immutable and thread-safe.
 *
 * @param codeAsTyped the code as the client sent it, cut to its first {@link #MAX_CODE_LENGTH} characters
 * @param userId the customer
 * @param accountCreatedAt when the customer's account was created
 * @param client the device, IP and payment fingerprints the host knows
 * @param cartValue the cart's merchandise value before discounts
 * @param at when the attempt happened
 * @param kind validate or apply
 */
public record AttemptContext(
        String codeAsTyped, UserId userId, Instant accountCreatedAt, ClientInfo client, Money cartValue, Instant at,
        AttemptKind kind) {

    /** The most characters of a typed code kept. */
    public static final int MAX_CODE_LENGTH = 64;

    /**
     * Validates the parts; the typed code is cut to {@link #MAX_CODE_LENGTH} characters (ending in
     * "..." when cut) and its control characters and lone surrogates are replaced by '?'.
     *
     * @param codeAsTyped the code as the client sent it, cut to its first {@link #MAX_CODE_LENGTH} characters
     * @param userId the customer
     * @param accountCreatedAt when the customer's account was created
     * @param client the device, IP and payment fingerprints the host knows
     * @param cartValue the cart's merchandise value before discounts
     * @param at when the attempt happened
     * @param kind validate or apply
     */
    public AttemptContext {
        Checks.notNull(codeAsTyped, "codeAsTyped");
        // evidence, not an id: kept printable (control characters and lone surrogates as '?', which
        // every store can hold) and cut to at most MAX_CODE_LENGTH characters
        codeAsTyped = Checks.quote(codeAsTyped);
        Checks.notNull(userId, "userId");
        Checks.instant(accountCreatedAt, "accountCreatedAt");
        Checks.notNull(client, "client");
        Checks.notNull(cartValue, "cartValue");
        Checks.instant(at, "at");
        Checks.notNull(kind, "kind");
    }

    /** @return how old the account was at the attempt; zero for an account created after it */
    public Duration accountAge() {
        Duration age = Duration.between(accountCreatedAt, at);
        return age.isNegative() ? Duration.ZERO : age;
    }

    /**
     * @return the typed code normalized the way the kernel looks codes up (trimmed, upper case), or the
     *     typed text itself when it is not a well-formed code
     */
    public String normalizedCode() {
        try {
            return CouponCode.parse(codeAsTyped).value();
        } catch (RuntimeException malformed) {
            return codeAsTyped;
        }
    }
}
