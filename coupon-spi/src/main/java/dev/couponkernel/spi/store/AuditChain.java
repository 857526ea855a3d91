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
        return fed(couponId, entries).result(headEntries, headHash, couponStored);
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
        return fed(couponId, entries).result();
    }

    /** A verifier given the entries, oldest first, up to the first that breaks the chain. */
    private static Verifier fed(CouponId couponId, List<AuditEntry> entries) {
        Verifier v = new Verifier(couponId);
        for (AuditEntry e : Checks.notNull(entries, "entries")) {
            if (!v.accept(e)) {
                break;
            }
        }
        return v;
    }

    /**
     * Reads one stored row as an entry, for {@link Verifier#acceptStored}.
     *
     * @param <X> what the read may throw besides the unchecked exception of a row that no longer
     *     reads as an entry
     */
    @FunctionalInterface
    public interface StoredEntry<X extends Exception> {
        /**
         * @return the entry
         * @throws X when the read fails
         */
        AuditEntry read() throws X;
    }

    /**
     * Reads a part of a coupon's chain for {@link #verifyInPages}.
     *
     * @param <X> what the read may throw
     */
    @FunctionalInterface
    public interface PageReader<X extends Exception> {
        /**
         * Gives the rows at positions {@code from} to {@code to - 1} (chain positions {@code from
         * + 1} to {@code to}), oldest first, to {@link Verifier#acceptStored}, stopping when it
         * returns false.
         *
         * @param from the first position
         * @param to the position after the last
         * @param verifier where the entries go
         * @return how many stored rows it read
         * @throws X when the read fails
         */
        int read(long from, long to, Verifier verifier) throws X;
    }

    /**
     * How far a coupon's stored chain reaches, read after its pages for {@link #verifyInPages}.
     *
     * @param <X> what the reads may throw
     */
    @FunctionalInterface
    public interface TailReader<X extends Exception> {
        /**
         * Reads how many entries the store holds for the coupon (its newest entry's chain position),
         * and then, in a later read, how many entries its head records now. In that order: an append
         * writes its entries and the head in one transaction, so a head read after the entries never
         * records fewer than they are, unless it was lowered by hand.
         *
         * @return the two counts
         * @throws X when a read fails
         */
        Tail read() throws X;
    }

    /**
     * How far a stored chain reaches.
     *
     * @param storedEntries the newest stored entry's chain position (0 when there is none)
     * @param headEntries how many entries the head recorded when read after them
     */
    public record Tail(long storedEntries, long headEntries) {
        /**
         * Checks the counts.
         *
         * @param storedEntries the newest stored entry's chain position
         * @param headEntries how many entries the head recorded
         * @throws InvalidInputException when a count is negative
         */
        public Tail {
            Checks.nonNegative(storedEntries, "storedEntries");
            Checks.nonNegative(headEntries, "headEntries");
        }
    }

    /**
     * Verifies a coupon's chain a page of {@link AuditTrail#MAX_PAGE} entries at a time, against the
     * head read before the entries: only the entries up to the head are checked, so entries appended
     * while the pages are read (they lie beyond it) are not taken for a broken chain, and memory stays
     * flat in the trail's length. Without a head every entry is read, so that they are reported.
     *
     * <p>When the entries up to the head are intact, the {@code tail} is read: stored entries beyond
     * what the head records even after them mean the head was lowered by hand, which would hide the
     * entries past it (changed or not) from verification; that is reported.
     *
     * @param <X> what the reads may throw
     * @param couponId the coupon
     * @param headEntries the number of entries the head records, or null when the store has none
     * @param headHash the last hash the head records ({@link #GENESIS} when it has none)
     * @param couponStored whether the store holds the coupon
     * @param pages reads the pages
     * @param tail reads how far the stored chain reaches, after the pages
     * @return the verdict
     * @throws X when a read fails
     */
    public static <X extends Exception> AuditVerification verifyInPages(CouponId couponId, Long headEntries, String headHash,
            boolean couponStored, PageReader<X> pages, TailReader<X> tail) throws X {
        Checks.notNull(pages, "pages");
        Checks.notNull(tail, "tail");
        Verifier verifier = new Verifier(couponId);
        long end = headEntries == null ? Long.MAX_VALUE : headEntries;
        long from = 0;
        while (!verifier.stopped() && from < end) {
            long to = Math.min(end, AuditTrail.end(from, AuditTrail.MAX_PAGE));
            int rows = pages.read(from, to, verifier);
            if (rows == 0 && headEntries == null) {
                break;
            }
            from = to;
        }
        AuditVerification verdict = verifier.result(headEntries == null ? 0 : headEntries, headHash, couponStored);
        if (!verdict.isIntact() || headEntries == null) {
            return verdict;
        }
        Tail reach = tail.read();
        if (reach.storedEntries() > reach.headEntries()) {
            return AuditVerification.truncated(couponId, verdict.entriesChecked(), "the chain's head records "
                    + reach.headEntries() + " entries but " + reach.storedEntries() + " are stored: the head was lowered,"
                    + " which hides the entries after it from verification");
        }
        return verdict;
    }

    /**
     * Checks a coupon's chain one entry at a time, for a store that reads a long trail in pages
     * instead of holding it whole: give it the entries oldest first, stop when {@link #accept}
     * returns false, then ask for the {@link #result}. The rules are those of {@link
     * #verify(CouponId, List, long, String, boolean)}, which uses it. Not thread-safe: one
     * verification at a time.
     */
    public static final class Verifier {
        private final CouponId couponId;
        private String previous = GENESIS;
        private int checked;
        private AuditVerification broken;

        /** @param couponId the coupon whose chain is checked */
        public Verifier(CouponId couponId) {
            this.couponId = Checks.notNull(couponId, "couponId");
        }

        /**
         * Checks the next entry.
         *
         * @param e the entry after the last one accepted
         * @return true while the chain is intact, false from the first entry that breaks it
         */
        public boolean accept(AuditEntry e) {
            Checks.notNull(e, "entry");
            if (broken != null) {
                return false;
            }
            if (!e.couponId().equals(couponId)) {
                broken = AuditVerification.broken(couponId, checked, e.sequence(), "entry " + e.sequence() + " is about coupon "
                        + e.couponId() + ", not " + couponId);
            } else if (!e.previousHash().equals(previous)) {
                broken = AuditVerification.broken(couponId, checked, e.sequence(), "entry " + e.sequence()
                        + " does not follow the entry before it: an entry was removed, inserted or reordered here");
            } else if (!e.expectedHash().equals(e.hash())) {
                broken = AuditVerification.broken(couponId, checked, e.sequence(), "entry " + e.sequence()
                        + " was changed after it was written: its fields no longer give its hash");
            } else if (checked == 0 && e.action() != AuditAction.COUPON_CREATED) {
                broken = AuditVerification.broken(couponId, 0, e.sequence(), "the chain starts with entry " + e.sequence()
                        + " (" + e.action() + "), not with the coupon's creation: its first entries were removed");
            }
            if (broken != null) {
                return false;
            }
            previous = e.hash();
            checked++;
            return true;
        }

        /**
         * Records that the next stored entry no longer reads as an entry (a value changed by hand).
         *
         * @param sequence its sequence
         * @param why what did not read
         */
        public void unreadable(long sequence, String why) {
            if (broken == null) {
                broken = AuditVerification.broken(couponId, checked, sequence, "entry " + sequence
                        + " was changed after it was written: it no longer reads as an entry (" + why + ")");
            }
        }

        /**
         * Reads a stored row as an entry and checks it: a row that no longer reads as an entry (the
         * read throws an unchecked exception) is recorded as {@link #unreadable}.
         *
         * @param <X> what the read may throw besides
         * @param sequence the row's sequence
         * @param row reads the row as an entry
         * @return true while the chain is intact, false from the first row that breaks it
         * @throws X when the read fails
         */
        public <X extends Exception> boolean acceptStored(long sequence, StoredEntry<X> row) throws X {
            AuditEntry entry;
            try {
                entry = row.read();
            } catch (RuntimeException unreadable) {
                unreadable(sequence, unreadable.getMessage());
                return false;
            }
            return accept(entry);
        }

        /** @return whether the chain was found broken, so that nothing more need be read */
        public boolean stopped() {
            return broken != null;
        }

        /** @return the verdict on the entries accepted: the first break, or intact */
        public AuditVerification result() {
            return broken != null ? broken : AuditVerification.intact(couponId, checked);
        }

        /**
         * The verdict on the entries accepted and the head a store keeps for the chain.
         *
         * @param headEntries the number of entries the head records (0 when the store has no head)
         * @param headHash the last hash the head records ({@link #GENESIS} when it has none)
         * @param couponStored whether the store holds the coupon (a stored coupon without entries is
         *     reported)
         * @return the verdict
         */
        public AuditVerification result(long headEntries, String headHash, boolean couponStored) {
            Checks.notNull(headHash, "headHash");
            if (broken != null) {
                return broken;
            }
            if (couponStored && checked == 0) {
                return AuditVerification.truncated(couponId, 0, "coupon " + couponId
                        + " is stored but has no audit entry: its chain and its head were removed");
            }
            if (headEntries != checked || !headHash.equals(previous)) {
                return AuditVerification.truncated(couponId, checked, "the chain's head records " + headEntries
                        + " entries ending in hash " + headHash + " but " + checked + " entries were found"
                        + (headEntries > checked ? ": entries were removed from its end" : ""));
            }
            return AuditVerification.intact(couponId, checked);
        }
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
