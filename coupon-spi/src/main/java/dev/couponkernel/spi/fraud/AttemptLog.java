package dev.couponkernel.spi.fraud;

import java.time.Instant;
import java.util.List;

/**
 * The record of every attempt to use a code, valid or not, that the fraud signals read their history
 * from. Append-only apart from {@link #purge}, which a host runs to keep a retention period.
 *
 * <p>Queries see every attempt whose {@link #record} returned before the query started. The
 * in-memory log of the core and the JDBC log implement it; both run {@code AttemptLogContract} of
 * coupon-testkit.
 *
 * <p>Implementations must be thread-safe.
 */
public interface AttemptLog {

    /**
     * Appends an attempt.
     *
     * @param attempt the attempt
     */
    void record(AttemptRecord attempt);

    /**
     * @param query which attempts
     * @return how many attempts match
     */
    long count(AttemptQuery query);

    /**
     * @param query which attempts
     * @param field the field to count the values of
     * @return how many distinct values of {@code field} the matching attempts have (attempts without a
     *     value of it are not counted)
     */
    long countDistinct(AttemptQuery query, AttemptField field);

    /**
     * @param query which attempts
     * @param max the most instants to return, at least 1
     * @return the instants of the latest matching attempts, newest first
     */
    List<Instant> recentTimes(AttemptQuery query, int max);

    /**
     * Removes attempts older than an instant, at most {@code max} of them per call.
     *
     * @param before attempts strictly before this instant are removed
     * @param max the most to remove in this call, at least 1
     * @return how many were removed
     */
    int purge(Instant before, int max);
}
