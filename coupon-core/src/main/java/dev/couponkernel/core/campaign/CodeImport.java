package dev.couponkernel.core.campaign;

import dev.couponkernel.spi.store.CodeBatch;
import java.util.List;
import java.util.Optional;

/**
 * What an import did: the batch it stored, or the lines that stopped it (then it stored nothing).
 * Immutable and thread-safe.
 *
 * @param batch the batch stored (or replayed: the batch id was stored before), empty when a line failed
 * @param errors the first {@link Campaigns#MAX_REPORTED_ERRORS} faulty lines found, in line order
 * @param faultyLines how many lines were faulty in all
 */
public record CodeImport(Optional<CodeBatch> batch, List<LineError> errors, long faultyLines) {

    /**
     * Copies the parts.
     *
     * @param batch the batch stored, or empty
     * @param errors the first faulty lines
     * @param faultyLines how many lines were faulty
     */
    public CodeImport {
        java.util.Objects.requireNonNull(batch, "batch");
        errors = List.copyOf(errors);
        if (batch.isPresent() == (faultyLines > 0)) {
            throw new IllegalArgumentException("an import stores its batch exactly when no line is faulty");
        }
    }

    /** @return whether the codes were stored */
    public boolean stored() {
        return batch.isPresent();
    }
}
