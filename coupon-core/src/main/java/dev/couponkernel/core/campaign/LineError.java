package dev.couponkernel.core.campaign;

import dev.couponkernel.spi.internal.Checks;

/**
 * Why one line of an import was refused. Immutable and thread-safe.
 *
 * @param line the line's number in the file, from 1
 * @param reason the kind of fault
 * @param message what is wrong, naming the code
 */
public record LineError(long line, Reason reason, String message) {

    /** The kinds of fault of a line. */
    public enum Reason {
        /** The line holds no valid code (length, characters). */
        MALFORMED,
        /** An earlier line of the same file holds the same code. */
        DUPLICATE,
        /** A coupon holds the code already (as its shared code or as a unique code). */
        TAKEN,
        /** The file holds more codes than one batch adds. */
        TOO_MANY
    }

    /**
     * Validates the parts.
     *
     * @param line the line's number, from 1
     * @param reason the kind of fault
     * @param message what is wrong
     */
    public LineError {
        Checks.positive(line, "line");
        Checks.notNull(reason, "reason");
        Checks.notNull(message, "message");
    }
}
