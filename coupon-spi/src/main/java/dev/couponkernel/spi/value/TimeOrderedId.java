package dev.couponkernel.spi.value;

import java.util.UUID;

/**
 * Identifiers that sort in the order they were made: UUID version 7 (RFC 9562), the first 48 bits
 * the Unix time in milliseconds, then the version, then 74 random bits from the same source as
 * {@link UUID#randomUUID()}. The stores give new usages and events such ids, so that each new key
 * lands at the end of its indexes (the usage's primary key, the audit trail's usage index, the
 * outbox's event id) instead of at a random page of an index that grows with every checkout. The
 * random bits keep an id as hard to guess as a version 4 UUID's 122 would for anyone who does not
 * know its millisecond; the time in it is the instant the usage was locked or the event recorded,
 * which its record says anyway. Ids made in one millisecond are ordered among themselves by their
 * random bits. Stateless and thread-safe.
 */
public final class TimeOrderedId {

    private TimeOrderedId() {}

    /**
     * A new id for the current time.
     *
     * @return a UUID version 7 in its canonical 36-character form
     */
    public static String next() {
        return at(System.currentTimeMillis()).toString();
    }

    /**
     * A new id for a given time.
     *
     * @param unixMillis milliseconds since 1970-01-01T00:00:00Z, from 0 to 2<sup>48</sup> - 1
     * @return a UUID version 7 with that time and fresh random bits
     * @throws IllegalArgumentException for a time outside that range
     */
    public static UUID at(long unixMillis) {
        if (unixMillis < 0 || unixMillis >= 1L << 48) {
            throw new IllegalArgumentException("unixMillis: " + unixMillis + " is outside 0 to 2^48 - 1");
        }
        UUID random = UUID.randomUUID(); // version 4: its variant bits are already those of RFC 9562
        long msb = unixMillis << 16 | 0x7000L | random.getMostSignificantBits() & 0x0FFFL;
        return new UUID(msb, random.getLeastSignificantBits());
    }
}
