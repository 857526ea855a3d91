package dev.couponkernel.core.campaign;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.error.NotFoundException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.store.CodeBatch;
import dev.couponkernel.spi.store.CodeRecord;
import dev.couponkernel.spi.store.CodeRules;
import dev.couponkernel.spi.store.CodeSource;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The unique codes of coupons that are campaigns ({@link dev.couponkernel.spi.coupon.CodeMode#UNIQUE}):
 * generating and importing batches of them, voiding one, reading and exporting them. Every batch is
 * stored in one transaction with its audit entry and event, or not at all, and a batch id makes a
 * retried call idempotent. Obtain it from {@code CouponKernel.campaigns()}. Thread-safe.
 */
public final class Campaigns {

    /** The most faulty lines an import reports one by one; it counts the others. */
    public static final int MAX_REPORTED_ERRORS = 1_000;

    private final CouponStorage storage;
    private final Clock clock;
    private final Runnable afterCommand;

    /**
     * @param storage the storage
     * @param clock the clock of the instants stored
     * @param afterCommand run after each stored change (the kernel relays the outbox there); it must not throw
     */
    public Campaigns(CouponStorage storage, Clock clock, Runnable afterCommand) {
        this.storage = Checks.notNull(storage, "storage");
        this.clock = Checks.notNull(clock, "clock");
        this.afterCommand = Checks.notNull(afterCommand, "afterCommand");
    }

    /**
     * Generates {@code count} new unique codes of a pattern and stores them as one batch: each code
     * from a keyed permutation under a fresh {@code SecureRandom} secret (so unpredictable), a code any
     * coupon holds already replaced by another (so never stored twice). The pattern must have room for
     * the coupon's codes issued before plus these at its density ({@link CodePattern#capacity()}).
     *
     * @param couponId a coupon of unique codes
     * @param pattern the codes' shape
     * @param count how many, 1 to {@value CodeGenerator#MAX_COUNT}
     * @param batchId the batch's id: a retry with the same id answers the stored batch and adds nothing
     * @param actor who
     * @param progress hears how many codes are stored so far, about every 1 % and once at the end
     * @return the batch
     * @throws NotFoundException if the coupon is not stored
     * @throws InvalidInputException naming {@code couponId} for a coupon of one shared code, {@code count}
     *     when it is out of range or the pattern has no room
     */
    public CodeBatch generate(CouponId couponId, CodePattern pattern, long count, String batchId, Actor actor,
            LongConsumer progress) {
        Checks.notNull(pattern, "pattern");
        Checks.notNull(progress, "progress");
        Checks.notNull(actor, "actor");
        CodeBatch.checkId(batchId);
        CodeRules.requireCampaign(load(couponId));
        Optional<CodeBatch> before = storage.codes().batch(batchId);
        if (before.isPresent()) {
            CodeBatch replay = CodeRules.replay(before.get(), couponId);
            progress.accept(replay.added());
            return replay;
        }
        long issued = storage.codes().count(couponId);
        CodeGenerator generator = CodeGenerator.create();
        Iterator<CouponCode> codes = generator.stream(pattern, count, issued).iterator();
        long step = Math.max(1, count / 100);
        CodeSource source = new CodeSource() {
            private long given;
            private long taken;
            private long extra;

            @Override
            public Optional<CouponCode> next() {
                if (given - taken == count) {
                    return Optional.empty();
                }
                long stored = given - taken;
                if (stored > 0 && stored % step == 0) {
                    progress.accept(stored);
                }
                given++;
                if (codes.hasNext()) {
                    return Optional.of(codes.next());
                }
                // a replacement for a taken code: the next index of the same permutation, distinct from the batch
                return generator.stream(pattern, 1, issued + count + extra++).findFirst();
            }

            @Override
            public void taken(CouponCode code) {
                taken++;
            }
        };
        CodeBatch batch = storage.codes().addCodes(couponId, batchId, source, clock.instant(), actor);
        progress.accept(batch.added());
        afterCommand.run();
        return batch;
    }

    /**
     * Imports existing codes as one batch, all or nothing: every line is checked first (a valid code,
     * not on an earlier line, not held by any coupon) and any faulty line stops the import with an error
     * per line and nothing stored. A code taken by another writer between the check and the store fails
     * the whole import with a {@link ConflictException}, and nothing is stored either.
     *
     * @param couponId a coupon of unique codes
     * @param lines the lines, in order, at most {@link CodeBatch#MAX_CODES} codes
     * @param batchId the batch's id: a retry with the same id answers the stored batch and reads no line
     * @param actor who
     * @return the batch stored, or the faulty lines
     * @throws NotFoundException if the coupon is not stored
     * @throws InvalidInputException naming {@code couponId} for a coupon of one shared code
     */
    public CodeImport importCodes(CouponId couponId, Iterator<ImportLine> lines, String batchId, Actor actor) {
        Checks.notNull(lines, "lines");
        Checks.notNull(actor, "actor");
        CodeBatch.checkId(batchId);
        CodeRules.requireCampaign(load(couponId));
        Optional<CodeBatch> before = storage.codes().batch(batchId);
        if (before.isPresent()) {
            return new CodeImport(Optional.of(CodeRules.replay(before.get(), couponId)), List.of(), 0);
        }
        Errors errors = new Errors();
        // each valid code with its line: the duplicate check, and what is stored
        LinkedHashMap<CouponCode, Long> codes = new LinkedHashMap<>();
        List<CouponCode> chunk = new ArrayList<>(CodeRules.CHUNK);
        while (lines.hasNext()) {
            ImportLine line = lines.next();
            CouponCode code;
            try {
                code = CouponCode.parse(line.code());
            } catch (InvalidInputException malformed) {
                errors.add(new LineError(line.number(), LineError.Reason.MALFORMED, malformed.getMessage()));
                continue;
            }
            Long first = codes.putIfAbsent(code, line.number());
            if (first != null) {
                errors.add(new LineError(line.number(), LineError.Reason.DUPLICATE, "code " + code + " is on line " + first
                        + " too"));
                continue;
            }
            if (codes.size() > CodeBatch.MAX_CODES) {
                errors.add(new LineError(line.number(), LineError.Reason.TOO_MANY, "a batch adds at most "
                        + CodeBatch.MAX_CODES + " codes; the file holds more"));
                break;
            }
            chunk.add(code);
            if (chunk.size() == CodeRules.CHUNK) {
                checkTaken(chunk, codes, errors);
            }
        }
        checkTaken(chunk, codes, errors);
        if (errors.count > 0) {
            return new CodeImport(Optional.empty(), errors.first, errors.count);
        }
        Iterator<Map.Entry<CouponCode, Long>> toStore = codes.entrySet().iterator();
        CodeBatch batch = storage.codes().addCodes(couponId, batchId, new CodeSource() {
            @Override
            public Optional<CouponCode> next() {
                return toStore.hasNext() ? Optional.of(toStore.next().getKey()) : Optional.empty();
            }

            @Override
            public void taken(CouponCode code) {
                throw new ConflictException("code " + code + " (line " + codes.get(code) + ") was taken by another coupon"
                        + " while the import ran; nothing was stored");
            }
        }, clock.instant(), actor);
        afterCommand.run();
        return new CodeImport(Optional.of(batch), List.of(), 0);
    }

    private void checkTaken(List<CouponCode> chunk, Map<CouponCode, Long> lineOf, Errors errors) {
        if (chunk.isEmpty()) {
            return;
        }
        for (CouponCode code : storage.codes().taken(chunk)) {
            errors.add(new LineError(lineOf.get(code), LineError.Reason.TAKEN, "code " + code + " is held by a coupon already"));
        }
        chunk.clear();
    }

    /** The first errors, in line order, and how many there were. Not thread-safe. */
    private static final class Errors {
        final List<LineError> first = new ArrayList<>();
        long count;

        void add(LineError e) {
            count++;
            if (first.size() < MAX_REPORTED_ERRORS) {
                first.add(e);
                first.sort(java.util.Comparator.comparingLong(LineError::line)); // taken codes are found a chunk late
            }
        }
    }

    /**
     * Voids one of a campaign's codes: no checkout can lock it again (its usages stay as they are).
     * Audited with an event; voiding a voided code changes nothing.
     *
     * @param code the code
     * @param reason why, for the audit trail
     * @param actor who
     * @return the code as it is now
     * @throws NotFoundException if no campaign holds the code
     */
    public CodeRecord voidCode(String code, String reason, Actor actor) {
        CodeRecord voided = storage.codes().voidCode(CouponCode.parse(code), reason, clock.instant(), actor);
        afterCommand.run();
        return voided;
    }

    /**
     * @param code a code
     * @return its row, when it is one of a campaign's unique codes
     */
    public Optional<CodeRecord> code(String code) {
        return storage.codes().find(CouponCode.parse(code));
    }

    /**
     * Streams a campaign's codes, in the order they were added (batch after batch), with their state and times.
     *
     * @param couponId the coupon
     * @param sink takes each code
     * @return how many codes were given to the sink
     * @throws NotFoundException if the coupon is not stored
     */
    public long export(CouponId couponId, Consumer<CodeRecord> sink) {
        load(couponId);
        return storage.codes().export(couponId, Checks.notNull(sink, "sink"));
    }

    /**
     * @param couponId a coupon
     * @return how many unique codes it holds
     */
    public long count(CouponId couponId) {
        return storage.codes().count(Checks.notNull(couponId, "couponId"));
    }

    private CouponRecord load(CouponId couponId) {
        Checks.notNull(couponId, "couponId");
        return storage.coupons().findById(couponId).orElseThrow(() -> new NotFoundException("no coupon " + couponId));
    }
}
