package dev.couponkernel.spi.fraud;

import dev.couponkernel.spi.internal.Checks;
import java.util.Optional;

/**
 * What the host knows about the client behind an attempt, for the fraud signals: a device
 * fingerprint, the IP address and a payment fingerprint (for example a hash of the card number the
 * checkout will charge). Each part is optional; a signal that needs a missing part stays silent, so a
 * host that passes nothing gets no device, IP or payment protection. The kernel compares the values
 * for equality only; hosts should pass stable, non-reversible identifiers. Immutable and thread-safe.
 *
 * @param deviceFingerprint the device fingerprint, or null
 * @param ipAddress the client's IP address as text, or null
 * @param paymentFingerprint the payment instrument's fingerprint, or null
 */
public record ClientInfo(String deviceFingerprint, String ipAddress, String paymentFingerprint) {

    /** The most characters of each part. */
    public static final int MAX_LENGTH = 256;
    /** A client the host knows nothing about. */
    public static final ClientInfo UNKNOWN = new ClientInfo(null, null, null);

    /**
     * Validates the parts: each null or non-blank text of at most {@link #MAX_LENGTH} characters.
     *
     * @param deviceFingerprint the device fingerprint, or null
     * @param ipAddress the client's IP address as text, or null
     * @param paymentFingerprint the payment instrument's fingerprint, or null
     */
    public ClientInfo {
        check(deviceFingerprint, "client.deviceFingerprint");
        check(ipAddress, "client.ipAddress");
        check(paymentFingerprint, "client.paymentFingerprint");
    }

    private static void check(String value, String field) {
        if (value != null) {
            Checks.text(value, field, MAX_LENGTH);
        }
    }

    /**
     * @param deviceFingerprint the device fingerprint, or null
     * @param ipAddress the IP address, or null
     * @param paymentFingerprint the payment fingerprint, or null
     * @return the client
     */
    public static ClientInfo of(String deviceFingerprint, String ipAddress, String paymentFingerprint) {
        return new ClientInfo(deviceFingerprint, ipAddress, paymentFingerprint);
    }

    /** @return the device fingerprint, if known */
    public Optional<String> device() {
        return Optional.ofNullable(deviceFingerprint);
    }

    /** @return the IP address, if known */
    public Optional<String> ip() {
        return Optional.ofNullable(ipAddress);
    }

    /** @return the payment fingerprint, if known */
    public Optional<String> payment() {
        return Optional.ofNullable(paymentFingerprint);
    }
}
