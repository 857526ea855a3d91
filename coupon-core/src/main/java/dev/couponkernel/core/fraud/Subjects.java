package dev.couponkernel.core.fraud;

import dev.couponkernel.spi.fraud.AttemptContext;
import dev.couponkernel.spi.fraud.AttemptField;

/** The value of a subject field in an attempt's context. */
final class Subjects {

    private Subjects() {}

    static String value(AttemptContext a, AttemptField field) {
        return switch (field) {
            case USER -> a.userId().value();
            case DEVICE -> a.client().deviceFingerprint();
            case IP -> a.client().ipAddress();
            case PAYMENT -> a.client().paymentFingerprint();
            case COUPON -> null;
        };
    }
}
