package dev.couponkernel.spi.fraud;

/** A part of an attempt that {@link AttemptQuery} selects by and {@link AttemptLog#countDistinct} counts. */
public enum AttemptField {
    /** The customer. */
    USER,
    /** The device fingerprint. */
    DEVICE,
    /** The IP address. */
    IP,
    /** The payment fingerprint. */
    PAYMENT,
    /** The coupon the code matched (attempts with an unknown code have none). */
    COUPON
}
