package dev.couponkernel.jdbc;

/**
 * Hears of transactions the storage runs again because they lost a race, and of those it gives up:
 * for metrics or logs. Called in the thread that runs the transaction, between tries, with no
 * connection held; implementations must be thread-safe and quick. A listener that throws is
 * ignored: what it does never changes a command's outcome.
 */
public interface RetryListener {

    /** A listener that does nothing: the default. */
    RetryListener NONE = new RetryListener() { };

    /**
     * A try failed and the store will try again after {@link RetryEvent#delay()}.
     *
     * @param event the failed try
     */
    default void retrying(RetryEvent event) { }

    /**
     * The last allowed try failed; the command fails with a {@code StorageException}.
     *
     * @param event the last failed try
     */
    default void gaveUp(RetryEvent event) { }
}
