package dev.couponkernel.core.campaign;

import dev.couponkernel.spi.internal.Checks;

/**
 * One line of a list of codes to import, as a reader of a file found it. Immutable and thread-safe.
 *
 * @param number the line's number in the file, from 1 (what an error names)
 * @param code the code as typed on the line, not yet checked
 */
public record ImportLine(long number, String code) {
    /**
     * Validates the parts.
     *
     * @param number the line's number, from 1
     * @param code the code as typed, not null
     */
    public ImportLine {
        Checks.positive(number, "number");
        Checks.notNull(code, "code");
    }
}
