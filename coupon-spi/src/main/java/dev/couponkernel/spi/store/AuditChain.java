package dev.couponkernel.spi.store;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;

/**
 * The hash chain of a coupon's audit entries, computed and checked the same way by every store.
 *
 * <p>An entry's hash is the SHA-256, as 64 lower-case hex digits, of a canonical encoding of the
 * previous entry's hash and the entry's coupon, usage, action, actor, reason, detail and instant:
 * each field is written as its UTF-8 length, a colon and its bytes (a null as {@code ~}), so no two
 * different entries encode alike. Stateless and thread-safe.
 */
public final class AuditChain {

    /** The previous hash of a coupon's first entry: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AuditChain() {}

    /**
     * Computes an entry's hash.
     *
     * @param previousHash the hash of the coupon's previous entry, or {@link #GENESIS}
     * @param couponId the coupon
     * @param usageId the usage, or null
     * @param action the action
     * @param actor the actor
     * @param reason the reason, or null
     * @param detail the detail
     * @param at the instant, as stored
     * @return the hash, 64 lower-case hex digits
     */
    public static String hash(String previousHash, CouponId couponId, UsageId usageId, AuditAction action, Actor actor,
            String reason, String detail, Instant at) {
        StringBuilder canonical = new StringBuilder(256);
        for (String field : new String[] {previousHash, couponId.value(), usageId == null ? null : usageId.value(),
                action.name(), actor.name(), reason, detail, at.toString()}) {
            if (field == null) {
                canonical.append('~');
            } else {
                canonical.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field);
            }
        }
        byte[] digest = sha256().digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        char[] hex = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(hex);
    }

    /**
     * Checks the chain as {@link #verify(CouponId, List)} does, then against the head a store keeps
     * for it (the number of entries and the last hash): entries removed from the end of a chain
     * leave every link intact and are found only this way.
     *
     * @param couponId the coupon
     * @param entries its entries, oldest first, as stored
     * @param headEntries the number of entries the head records (0 when the store has no head)
     * @param headHash the last hash the head records ({@link #GENESIS} when it has none)
     * @param couponStored whether the store holds the coupon: every stored coupon has a chain from its
     *     creation on, so a stored coupon without entries (its rows and its head deleted) is reported
     * @return the verdict
     */
    public static AuditVerification verify(CouponId couponId, List<AuditEntry> entries, long headEntries, String headHash,
            boolean couponStored) {
        Checks.notNull(headHash, "headHash");
        AuditVerification chain = verify(couponId, entries);
        if (!chain.isIntact()) {
            return chain;
        }
        if (couponStored && entries.isEmpty()) {
            return AuditVerification.truncated(couponId, 0, "coupon " + couponId
                    + " is stored but has no audit entry: its chain and its head were removed");
        }
        String lastHash = entries.isEmpty() ? GENESIS : entries.get(entries.size() - 1).hash();
        if (headEntries != entries.size() || !headHash.equals(lastHash)) {
            return AuditVerification.truncated(couponId, entries.size(), "the chain's head records " + headEntries
                    + " entries ending in hash " + headHash + " but " + entries.size() + " entries were found"
                    + (headEntries > entries.size() ? ": entries were removed from its end" : ""));
        }
        return chain;
    }

    /**
     * Checks the chain of one coupon's entries, oldest first: the first entry records the coupon's
     * creation, every entry's hash matches its fields, and every entry links to the one before it (the
     * first to {@link #GENESIS}).
     *
     * @param couponId the coupon
     * @param entries its entries, oldest first, as stored
     * @return the verdict, naming the first entry that breaks the chain
     */
    public static AuditVerification verify(CouponId couponId, List<AuditEntry> entries) {
        Checks.notNull(couponId, "couponId");
        Checks.notNull(entries, "entries");
        String previous = GENESIS;
        for (int i = 0; i < entries.size(); i++) {
            AuditEntry e = entries.get(i);
            if (!e.couponId().equals(couponId)) {
                return AuditVerification.broken(couponId, i, e.sequence(), "entry " + e.sequence() + " is about coupon "
                        + e.couponId() + ", not " + couponId);
            }
            if (!e.previousHash().equals(previous)) {
                return AuditVerification.broken(couponId, i, e.sequence(), "entry " + e.sequence()
                        + " does not follow the entry before it: an entry was removed, inserted or reordered here");
            }
            if (!e.expectedHash().equals(e.hash())) {
                return AuditVerification.broken(couponId, i, e.sequence(), "entry " + e.sequence()
                        + " was changed after it was written: its fields no longer give its hash");
            }
            if (i == 0 && e.action() != AuditAction.COUPON_CREATED) {
                return AuditVerification.broken(couponId, 0, e.sequence(), "the chain starts with entry " + e.sequence()
                        + " (" + e.action() + "), not with the coupon's creation: its first entries were removed");
            }
            previous = e.hash();
        }
        return AuditVerification.intact(couponId, entries.size());
    }

    /**
     * @param hash a hash to check
     * @param field its name, for the error
     * @return the hash
     * @throws InvalidInputException unless it is 64 lower-case hex digits
     */
    static String checkHash(String hash, String field) {
        Checks.notNull(hash, field);
        if (hash.length() != 64 || !hash.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
            throw new InvalidInputException(field, "must be 64 lower-case hex digits, was '" + hash + "'");
        }
        return hash;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
