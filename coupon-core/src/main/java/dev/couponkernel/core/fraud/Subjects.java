package dev.couponkernel.core.fraud;

import dev.couponkernel.spi.fraud.AttemptContext;
import dev.couponkernel.spi.fraud.AttemptField;

/** The value of a subject field in an attempt's context. */
final class Subjects {

    private Subjects() {}

    /** Fails unless the field names who made an attempt: USER, DEVICE or IP. */
    static AttemptField requireSubject(AttemptField field, String what) {
        dev.couponkernel.spi.internal.Checks.notNull(field, "field");
        if (field != AttemptField.USER && field != AttemptField.DEVICE && field != AttemptField.IP) {
            throw new dev.couponkernel.spi.error.InvalidInputException("field", what + " is kept per USER, DEVICE or IP, not " + field);
        }
        return field;
    }

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
