package dev.couponkernel.core.fraud;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import java.time.Duration;

/** Shared argument checks and wording of the built-in providers. */
final class Window {

    private Window() {}

    static Duration positive(Duration d, String field) {
        Checks.notNull(d, field);
        if (d.isZero() || d.isNegative()) {
            throw new InvalidInputException(field, "must be positive, was " + d);
        }
        return d;
    }

    static int atLeast(int value, int min, String field) {
        if (value < min) {
            throw new InvalidInputException(field, "must be at least " + min + ", was " + value);
        }
        return value;
    }

    /** @return a duration the way evidence shows it: {@code 90s}, {@code 10m}, {@code 24h} */
    static String words(Duration d) {
        long s = d.getSeconds();
        if (s > 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s > 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }
}
